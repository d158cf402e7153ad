// Risk scoring used by the fraud examples: a TypeScript function called from .flow (`riskScore(account, total)`).
export function riskScore(account: string, total: number): number {
  // Accounts flagged by an (imaginary) upstream model score high once they move real money.
  const flagged = account.endsWith("7") || account.endsWith("13");
  if (flagged && total > 1_000) return 0.95;
  return Math.min(0.9, total / 100_000);
}
