// Offscreen document entry (Chrome): wiring only.
import { handle } from '../shared/messaging';
import { modelHostHandlers } from './handlers';

handle('model-host', modelHostHandlers);
