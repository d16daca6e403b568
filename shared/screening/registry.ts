// The default detector set, built once per isolate (module-scope memo): every deterministic detector plus the
// learned classifier. Detectors read their tenant settings (canaries, banned topics, hosts) from the policy at scan
// time, so one set serves every tenant.
import { createClassifierDetector } from "./classifiers/classifier-detector";
import { createBannedTopicDetector } from "./detectors/banned-topic";
import { createCanaryLeakDetector } from "./detectors/canary-leak";
import { createExfiltrationDetector } from "./detectors/exfiltration";
import { createInjectionHeuristicsDetector } from "./detectors/injection-heuristics";
import { createInvisibleTextDetector } from "./detectors/invisible-text";
import { createPiiDetector } from "./detectors/pii";
import { createSecretDetector } from "./detectors/secret";
import { createDetectorRegistry, type DetectorRegistry } from "./engine/detector-registry";
import type { Detector } from "./types";

export { createDetectorRegistry, type DetectorRegistry } from "./engine/detector-registry";

/** Ids of the default set, in the order they run and appear in timings. */
export const DEFAULT_DETECTOR_IDS = [
  "pii",
  "secret",
  "invisible_text",
  "canary_leak",
  "exfiltration",
  "banned_topic",
  "injection_heuristics",
  "classifier",
] as const;

let memo: DetectorRegistry | undefined;

/** The default registry; built on first use (the classifier decodes its model then), shared afterwards. */
export function defaultRegistry(): DetectorRegistry {
  memo ??= createDetectorRegistry([
    createPiiDetector(),
    createSecretDetector(),
    createInvisibleTextDetector(),
    createCanaryLeakDetector(),
    createExfiltrationDetector(),
    createBannedTopicDetector(),
    createInjectionHeuristicsDetector(),
    createClassifierDetector(),
  ]);
  return memo;
}

export function defaultDetectors(): readonly Detector[] {
  return defaultRegistry().all;
}

/**
 * The default set with the classifier replaced by one that escalates uncertain scores to a remote model (Workers AI).
 * Built once per isolate by the caller; off unless the operator configures it and binds `AI`.
 */
export function detectorsWithClassifier(classifier: Detector): readonly Detector[] {
  return defaultDetectors().map((detector) => (detector.id === classifier.id ? classifier : detector));
}
