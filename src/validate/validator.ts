// Validators: a shapes graph compiled once, then run on any number of graphs. One cached validator per profile.

import type { Quad } from "@rdfjs/types";
import type { Origins } from "../mapping/types.js";
import { withDeclaredSuperclasses } from "./classes.js";
import { IndexedDataset } from "./dataset.js";
import { CompiledShapes } from "./engine.js";
import { normalizeIssues, toIssue } from "./issues.js";
import { assertProfileName, loadProfileQuads, type ProfileName } from "./profiles.js";
import type { ValidationIssue, ValidationReport } from "./types.js";

export interface ValidateOptions {
  /** The mapper's origins: each issue then names the record and the input field behind the focus node. */
  readonly origins?: Origins;
}

/** A compiled profile. `validate` can be called any number of times, concurrently. */
export interface Validator {
  readonly profile: ProfileName;
  /** Validates one graph (the quads' graph names are ignored: pass one publisher's graph at a time). */
  validate(quads: Iterable<Quad> | IndexedDataset, options?: ValidateOptions): Promise<ValidationReport>;
  /** The compiled shapes (for the partitioned runner and tests). */
  readonly shapes: ShapesValidator;
}

/** Any shapes graph, compiled once: the engine room of the profiles, also used to run the W3C suite. */
export class ShapesValidator {
  readonly compiled: CompiledShapes;

  /** @param codePrefix first segment of the issue codes (the profile name) */
  constructor(shapeQuads: Iterable<Quad>, codePrefix: string) {
    this.compiled = new CompiledShapes(shapeQuads, codePrefix);
  }

  /** Every issue in `data`, de-duplicated and sorted. */
  async check(data: Iterable<Quad> | IndexedDataset, options: ValidateOptions = {}): Promise<ValidationIssue[]> {
    const dataset = data instanceof IndexedDataset ? data : new IndexedDataset(data);
    const raw = await this.compiled.run(dataset);
    return normalizeIssues(raw.map((r) => toIssue(this.compiled, r, options.origins, dataset)));
  }
}

/** Counts and conformance of a list of issues. */
export function buildReport(profile: ProfileName, issues: ValidationIssue[]): ValidationReport {
  let violations = 0;
  let warnings = 0;
  for (const i of issues) {
    if (i.severity === "violation") violations++;
    else if (i.severity === "warning") warnings++;
  }
  return { profile, conforms: violations === 0, violations, warnings, issues };
}

class ProfileValidator implements Validator {
  constructor(
    readonly profile: ProfileName,
    readonly shapes: ShapesValidator,
  ) {}

  async validate(quads: Iterable<Quad> | IndexedDataset, options: ValidateOptions = {}): Promise<ValidationReport> {
    const data =
      quads instanceof IndexedDataset ? quads : withDeclaredSuperclasses(Array.isArray(quads) ? quads : [...quads]);
    return buildReport(this.profile, await this.shapes.check(data, options));
  }
}

const cache = new Map<ProfileName, Promise<Validator>>();

/**
 * The validator of a profile, compiled on first use and cached for the life of the process.
 * @example
 * ```ts
 * import { readFileSync } from "node:fs";
 * import { createValidator, mapRecords } from "vivant-ld";
 *
 * const validator = await createValidator("artsdata"); // compiled once, then reused for every graph
 * const result = mapRecords(JSON.parse(readFileSync("season.json", "utf8")));
 * const report = await validator.validate(result.quads, { origins: result.origins }); // issues name record and field
 * console.log(report.profile, report.conforms, report.violations, report.warnings);
 * ```
 */
export function createValidator(profile: ProfileName): Promise<Validator> {
  assertProfileName(profile);
  let v = cache.get(profile);
  if (!v) {
    v = Promise.resolve().then(
      () => new ProfileValidator(profile, new ShapesValidator(loadProfileQuads(profile), profile)),
    );
    v.catch(() => cache.delete(profile));
    cache.set(profile, v);
  }
  return v;
}
