/**
 * Shows a one-time operator enrollment link, on the console and outside the JSON logs (which
 * must never carry a secret). `tenantSlug` is null for the default tenant.
 */
export function announceEnrollmentLink(url: string, expiresAt: number, out: { write(text: string): unknown }, tenantSlug: string | null = null): void {
  const whose = tenantSlug === null ? 'the default tenant' : `tenant ${tenantSlug}`;
  const renew = tenantSlug === null ? 'npm run cli -- console-link' : `npm run cli -- console-link --tenant ${tenantSlug}`;
  out.write(
    [
      '',
      '================================================================================',
      ` A console operator of ${whose} is enrolled by opening this link once in a browser`,
      ` and creating a passkey there (valid until ${new Date(expiresAt).toISOString()}):`,
      '',
      `   ${url}`,
      '',
      ' It works once and is stored only as a hash. For a new link (the old one stops working):',
      `   ${renew}`,
      '================================================================================',
      '',
    ].join('\n'),
  );
}
