// Generator features switched off because they find a bug that is not fixed yet. Each switch is
// named for the bug; set it to true (the feature is generated) once the bug is fixed.
import { ALL_FEATURES, type GeneratorFeatures } from './generate-program.js';

export const KNOWN_BUGS = {} as const;

/** The features the CI property test generates: everything but the known bugs' shapes. */
export const PROPERTY_FEATURES: GeneratorFeatures = { ...ALL_FEATURES };
