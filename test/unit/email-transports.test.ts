import { describe, expect, it } from "vitest";
import { cloudflareTransport } from "../../worker/email/cloudflare-transport";
import { resendTransport, RESEND_URL } from "../../worker/email/resend-transport";
import { emailTransport, senderAddress, type EmailEnv } from "../../worker/email/select-transport";
import { renderEmail } from "../../worker/email/templates";
import { EmailSendError, type OutgoingEmail } from "../../worker/email/transport";

const email: OutgoingEmail = { from: "OpenBat <bot@example.com>", to: "ada@example.com", subject: "Hi", text: "plain", html: "<p>html</p>" };
const settings = (over: Partial<EmailEnv>): EmailEnv => ({ LOG_EMAILS: "false", EMAIL_TRANSPORT: "cloudflare", EMAIL_FROM: "", EMAIL_API_KEY: "", SEND_EMAIL: undefined as unknown as SendEmail, ...over });

describe("the Resend transport", () => {
  it("posts the email as JSON with the API key as a bearer token", async () => {
    const seen: Request[] = [];
    const transport = resendTransport("re_secret_key", async (input, init) => {
      seen.push(new Request(input, init));
      return Response.json({ id: "em_1" });
    });
    await transport.send(email);
    expect(seen[0]!.url).toBe(RESEND_URL);
    expect(seen[0]!.headers.get("authorization")).toBe("Bearer re_secret_key");
    expect(await seen[0]!.json()).toEqual({ from: email.from, to: ["ada@example.com"], subject: "Hi", text: "plain", html: "<p>html</p>" });
  });

  it("calls a refused email (422) permanent and an unavailable provider (503) worth retrying, never naming the key", async () => {
    const answering = (status: number) => resendTransport("re_secret_key", async () => new Response("nope", { status }));
    const refused = await answering(422).send(email).catch((e: unknown) => e);
    const down = await answering(503).send(email).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(EmailSendError);
    expect(refused).toMatchObject({ permanent: true });
    expect(down).toMatchObject({ permanent: false });
    expect(String((refused as Error).message)).not.toContain("re_secret_key");
  });
});

describe("choosing the transport", () => {
  it("logs when LOG_EMAILS is true, whatever else is set", () => {
    expect(emailTransport(settings({ LOG_EMAILS: "true", EMAIL_TRANSPORT: "resend" })).name).toBe("log");
  });

  it("sends through the send_email binding's structured send() with EMAIL_TRANSPORT = cloudflare", async () => {
    const sent: unknown[] = [];
    const binding = { send: async (m: unknown) => (sent.push(m), { messageId: "m1" }) } as unknown as SendEmail;
    const transport = emailTransport(settings({ SEND_EMAIL: binding }));
    expect(transport.name).toBe("cloudflare");
    await transport.send(email);
    expect(sent).toEqual([{ from: email.from, to: email.to, subject: "Hi", text: "plain", html: "<p>html</p>" }]);
    await expect(cloudflareTransport(undefined).send(email)).rejects.toThrow("SEND_EMAIL binding is missing");
  });

  it("refuses Resend without its EMAIL_API_KEY secret and a deployment without EMAIL_FROM, naming what to set", () => {
    expect(() => emailTransport(settings({ EMAIL_TRANSPORT: "resend" }))).toThrow("EMAIL_API_KEY is not set");
    expect(() => emailTransport(settings({ EMAIL_TRANSPORT: "smtp" }))).toThrow('set it to "cloudflare" or "resend"');
    expect(() => senderAddress(settings({}))).toThrow("EMAIL_FROM is not set");
    expect(senderAddress(settings({ EMAIL_FROM: " OpenBat <a@b.example> " }))).toBe("OpenBat <a@b.example>");
  });
});

describe("email templates", () => {
  it("escapes what is filled into the HTML and keeps the plain text as written", () => {
    const rendered = renderEmail({ kind: "invitation", to: "x@example.com", link: "https://openbat.test/accept-invitation?token=a&b=1", organizationName: "<b>Evil</b> & co", role: "member" });
    expect(rendered.html).toContain("&lt;b&gt;Evil&lt;/b&gt; &amp; co");
    expect(rendered.html).not.toContain("<b>Evil</b>");
    expect(rendered.html).toContain('href="https://openbat.test/accept-invitation?token=a&amp;b=1"');
    expect(rendered.text).toContain("<b>Evil</b> & co");
    expect(rendered.link).toBe("https://openbat.test/accept-invitation?token=a&b=1");
  });

  it("keeps every subject on one line, whatever line breaks a workflow's subject or an organization's name holds", () => {
    const alert = renderEmail({ kind: "workflow_alert", to: "x@example.com", organizationId: "org_1", runId: "run_1", workflowName: "w", text: "t", subject: "hi\r\nBcc: x@evil.com\u0000 done" });
    expect(alert.subject).toBe("hi Bcc: x@evil.com done");
    const invitation = renderEmail({ kind: "invitation", to: "x@example.com", link: "https://openbat.test/i", organizationName: "Org\n<script>", role: "member" });
    expect(invitation.subject).toBe("You are invited to Org <script> on OpenBat");
  });
});
