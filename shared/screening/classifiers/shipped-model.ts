// The shipped classifier, decoded once per isolate: the generated metadata and the weight bytes each runtime loads
// its own way (#classifier-weights). Views over those bytes, no copy.
import { CLASSIFIER_WEIGHT_BYTES } from "#classifier-weights";
import { CLASSIFIER_METADATA } from "../models/classifier-model";
import { modelFromBytes, type DecodedModel } from "./linear-model";

export const SHIPPED_MODEL: DecodedModel = modelFromBytes(CLASSIFIER_METADATA, CLASSIFIER_WEIGHT_BYTES);
