/**
 * Every email OpenBat sends, in plain text and HTML. The HTML is the same words in a minimal layout;
 * every value filled in is escaped (an organization name or an end user's message could hold markup).
 * `link` is the one thing the email asks the reader to do, kept apart so the log transport can print it.
 */
import type { EmailMessage } from "./message";

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
  link?: string;
}

export function escapeHtml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

interface Parts {
  subject: string;
  /** Paragraphs before the link. */
  lead: string[];
  link?: { href: string; label: string };
  /** Paragraphs after the link. */
  tail: string[];
}

function render({ subject, lead, link, tail }: Parts): RenderedEmail {
  const text = [...lead, ...(link ? [`${link.label}: ${link.href}`] : []), ...tail, "— OpenBat"].join("\n\n");
  const paragraphs = lead.map((p) => `<p>${escapeHtml(p).replace(/\n/g, "<br>")}</p>`);
  const button = link
    ? `<p><a href="${escapeHtml(link.href)}" style="display:inline-block;padding:10px 16px;background:#1c7ed6;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(link.label)}</a></p>` +
      `<p style="color:#666;font-size:13px">Or paste this address into your browser: ${escapeHtml(link.href)}</p>`
    : "";
  const after = tail.map((p) => `<p style="color:#666;font-size:13px">${escapeHtml(p)}</p>`);
  const html =
    `<!doctype html><html><body style="font-family:system-ui,sans-serif;font-size:15px;line-height:1.5;color:#222;max-width:560px">` +
    [...paragraphs, button, ...after, `<p style="color:#666;font-size:13px">— OpenBat</p>`].join("") +
    `</body></html>`;
  return { subject: oneLineSubject(subject), text, html, link: link?.href };
}

/**
 * A subject is a header line: a line break in it (a workflow's own subject, an organization's name) would end
 * the header and start another (`Bcc: …`) wherever a transport writes raw headers. Control characters become
 * spaces, runs of spaces one.
 */
export const oneLineSubject = (subject: string) => subject.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ").replace(/ {2,}/g, " ").trim();

export function renderEmail(message: EmailMessage): RenderedEmail {
  switch (message.kind) {
    case "signup_confirm":
      return render({
        subject: "Confirm your email to create your OpenBat account",
        lead: ["Someone (we hope you) asked to create an OpenBat account with this address."],
        link: { href: message.link, label: "Confirm and create the account (the link works for 24 hours)" },
        tail: ["If it was not you, ignore this email: no account is created without the link."],
      });
    case "signup_exists":
      return render({
        subject: "Someone tried to create an OpenBat account with your address",
        lead: ["This address already has an OpenBat account. If it was you, log in, or reset your password from the log-in page."],
        link: { href: message.link, label: "Log in" },
        tail: ["If it was not you, ignore this email: nothing changed."],
      });
    case "password_reset":
      return render({
        subject: "Reset your OpenBat password",
        lead: ["Someone (we hope you) asked to reset the password of your OpenBat account."],
        link: { href: message.link, label: "Choose a new password" },
        tail: ["If it was not you, ignore this email: your password stays as it is."],
      });
    case "invitation":
      return render({
        subject: `You are invited to ${message.organizationName} on OpenBat`,
        lead: [`You are invited to join ${message.organizationName} on OpenBat as ${message.role}.`],
        link: { href: message.link, label: "Accept the invitation" },
        tail: ["If you did not expect this, ignore this email."],
      });
    case "workflow_alert":
      return render({
        subject: message.subject ?? `OpenBat alert: ${message.workflowName}`,
        lead: [`Workflow "${message.workflowName}" matched.`, message.text],
        tail: [`Run ${message.runId}. You get this email because the workflow emails members of your organization.`],
      });
  }
}
