"""Every table of the app, defined once by its model; created from them for local runs and tests."""
from __future__ import annotations

from chalicelib.dal.ach import AchItem
from chalicelib.dal.activity import Event
from chalicelib.dal.agency import CaseItem, MemberItem
from chalicelib.dal.attention import Mark
from chalicelib.dal.audit import AuditEntry
from chalicelib.dal.autopay import Schedule
from chalicelib.dal.bank_accounts import BankAccount
from chalicelib.dal.base import guarded
from chalicelib.dal.counters import Counter
from chalicelib.dal.credentials import Credential
from chalicelib.dal.documents import Document
from chalicelib.dal.grants import Grant
from chalicelib.dal.job_marks import JobMark
from chalicelib.dal.letters import Letter
from chalicelib.dal.messages import MessageItem
from chalicelib.dal.news import NewsItem
from chalicelib.dal.outbox import Mail
from chalicelib.dal.payments import IdempotencyRecord, Payment
from chalicelib.dal.sandbox_processor import SandboxRecord
from chalicelib.dal.sessions import Session
from chalicelib.dal.submissions import Submission
from chalicelib.dal.survey import SurveyAnswer
from chalicelib.dal.throttles import Throttle
from chalicelib.dal.tokens import Token
from chalicelib.dal.users import EmailLogin, User

MODELS = (User, EmailLogin, Token, Session, Throttle, Credential, Event, MemberItem, CaseItem,
          Counter, SandboxRecord, BankAccount, Payment, IdempotencyRecord, Schedule,
          Submission, Document, MessageItem, Letter, Grant, JobMark, Mail, AuditEntry, AchItem,
          NewsItem, Mark, SurveyAnswer)


@guarded
def create_all() -> None:
    for model in MODELS:
        if not model.exists():
            model.create_table(wait=True)
