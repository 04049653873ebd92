/**
 * Every credential a client has sent, in every form it sent it, so that a
 * message a registry wrote (which may echo what it received) can be passed
 * on with each of them replaced by `***`.
 */
export class CredentialRedactor {
  readonly #secrets = new Set<string>();

  remember(...secrets: Array<string | undefined>): void {
    for (const secret of secrets) if (secret) this.#secrets.add(secret);
  }

  /** `text` with every remembered secret, and each of `also`, replaced by `***`. */
  redact(text: string, also: Iterable<string> = []): string {
    const secrets = [...this.#secrets, ...also].filter(Boolean);
    // Longest first, so that a secret containing another is replaced whole.
    secrets.sort((a, b) => b.length - a.length);
    return secrets.reduce(
      (redacted, secret) => redacted.split(secret).join('***'),
      text,
    );
  }
}
