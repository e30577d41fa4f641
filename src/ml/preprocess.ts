// The model's input size; pixel containers are the engine's Raster.
import type { Raster } from '../engine/image';

export const INPUT_SIZE = 224;
export type Pixels = Raster;
