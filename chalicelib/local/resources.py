"""Everything the app needs in an empty local AWS (moto): tables from the models, a
verified sender, the queues, the KMS key, the documents bucket, the audit trail's and the bank's. Used by make run, the tests and make bench."""
from __future__ import annotations

from chalicelib.dal.tables import create_all
from chalicelib.integrations import audit_trail, bank_files, documents, email, kms, queue
from chalicelib.settings import get_settings


def create() -> None:
    create_all()
    create_services()


def create_services() -> None:
    """All but the tables: the verified sender, the mail queue, the key and the documents
    bucket."""
    settings = get_settings()
    email.verify_sender(settings.sender_email)
    queue.ensure(queue.MAIL, queue.MAIL_DEAD)
    queue.ensure(queue.WORK, queue.WORK_DEAD)
    queue.ensure(queue.AUDIT, queue.AUDIT_DEAD)
    queue.ensure(queue.BANK, queue.BANK_DEAD)
    kms.ensure_key(settings.kms_key_id)
    documents.ensure_bucket(settings.documents_bucket)
    audit_trail.ensure_bucket(settings.audit_bucket)
    bank_files.ensure_bucket(settings.bank_bucket, queue.arn(queue.BANK))
