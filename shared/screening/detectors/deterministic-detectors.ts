// The deterministic detector set in pipeline order, each built with its defaults: what the engine wires in when a
// tenant's policy does not ask for anything special. Classifier-based detectors live in ../classifiers.
import type { Detector } from "../types";
import { createBannedTopicDetector, type BannedTopicOptions } from "./banned-topic";
import { createCanaryLeakDetector } from "./canary-leak";
import { createExfiltrationDetector } from "./exfiltration";
import { createInjectionHeuristicsDetector } from "./injection-heuristics";
import { createInvisibleTextDetector } from "./invisible-text";
import { createPiiDetector } from "./pii";
import { createSecretDetector } from "./secret";

export interface DeterministicDetectorOptions {
  bannedTopic?: BannedTopicOptions;
}

export function createDeterministicDetectors(options: DeterministicDetectorOptions = {}): Detector[] {
  return [
    createInvisibleTextDetector(),
    createPiiDetector(),
    createSecretDetector(),
    createInjectionHeuristicsDetector(),
    createBannedTopicDetector(options.bannedTopic),
    createCanaryLeakDetector(),
    createExfiltrationDetector(),
  ];
}
