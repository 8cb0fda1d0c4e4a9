import { z } from 'zod';

/** One finding of electronegativity, as its programmatic API returns it (only what we read). */
export const Finding = z.object({
  id: z.string(),
  file: z.string(),
  location: z.object({ line: z.number(), column: z.number() }),
  sample: z.string().optional(),
  description: z.string().optional(),
  severity: z.object({ name: z.string() }),
  confidence: z.object({ name: z.string() }),
});
export type Finding = z.infer<typeof Finding>;

export const ScanResult = z.object({
  issues: z.array(Finding),
  errors: z.array(z.unknown()),
});

/** The two things scanned: the Electron sources, and what the build made of them. */
export const SCAN_NAMES = ['source', 'built'] as const;
export type ScanName = (typeof SCAN_NAMES)[number];

/** A finding reviewed and found to be a false positive, with the reason. */
export const AllowedFinding = z.strictObject({
  scan: z.enum(SCAN_NAMES),
  check: z.string().min(1),
  /** The file, relative to the scanned folder. */
  file: z.string().min(1),
  /** Text the finding's sample line contains (line numbers change; this pins the code). */
  sample: z.string().min(1).optional(),
  reason: z.string().min(20, 'say why this finding is a false positive'),
});
export type AllowedFinding = z.infer<typeof AllowedFinding>;

export const AllowList = z.strictObject({ falsePositives: z.array(AllowedFinding) });

export interface ScannedFinding extends Finding {
  scan: ScanName;
}

export interface Comparison {
  /** Findings no entry explains: each fails the check. */
  unexpected: ScannedFinding[];
  /** Entries that explain no finding any more: each fails the check too, so the list stays true. */
  stale: AllowedFinding[];
}

function explains(entry: AllowedFinding, finding: ScannedFinding): boolean {
  return (
    entry.scan === finding.scan &&
    entry.check === finding.id &&
    entry.file === finding.file &&
    (entry.sample === undefined || (finding.sample ?? '').includes(entry.sample))
  );
}

/**
 * Splits the findings into those the allow-list explains and those it does not.
 *
 * @example
 * const { unexpected, stale } = compareFindings(findings, allowList.falsePositives);
 * if (unexpected.length > 0 || stale.length > 0) process.exitCode = 1;
 */
export function compareFindings(findings: readonly ScannedFinding[], allowed: readonly AllowedFinding[]): Comparison {
  return {
    unexpected: findings.filter((finding) => !allowed.some((entry) => explains(entry, finding))),
    stale: allowed.filter((entry) => !findings.some((finding) => explains(entry, finding))),
  };
}

/** One line per finding: `scan file:line:column CHECK (SEVERITY, CONFIDENCE) sample`. */
export function formatFinding(finding: ScannedFinding): string {
  const where = `${finding.file}:${finding.location.line}:${finding.location.column}`;
  const sample = finding.sample === undefined || finding.sample === 'N/A' ? '' : ` ${finding.sample.trim()}`;
  const about = finding.description === undefined ? '' : ` — ${finding.description}`;
  return `${finding.scan} ${where} ${finding.id} (${finding.severity.name}, ${finding.confidence.name})${sample}${about}`;
}
