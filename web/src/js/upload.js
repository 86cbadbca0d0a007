// Documents go straight from the browser to S3 (a presigned POST the API makes), then the
// API checks them (size, type, first bytes) before they can be attached.
import { ApiError, post } from "./api.js";

export async function upload(file) {
  const made = await post("/documents", { filename: file.name, content_type: file.type || "application/octet-stream", size: file.size });
  const form = new FormData();
  for (const [name, value] of Object.entries(made.upload.fields)) form.append(name, value);
  form.append("file", file);
  let sent;
  try {
    sent = await fetch(made.upload.url, { method: "POST", body: form });
  } catch {
    throw new ApiError(0, { code: "upload_failed" });
  }
  if (!sent.ok) throw new ApiError(sent.status, { code: "upload_failed" });
  await post(`/documents/${made.document_id}/complete`);
  return made.document_id;
}
