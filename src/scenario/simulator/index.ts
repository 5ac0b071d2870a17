export { CallerScript, CallerEvent, DialOutcome } from './caller-script.js';
export { simulate, type SimulationRequest, type SimulationResult } from './simulate.js';
export { SimulatedCall, speechDurationMs } from './simulated-call.js';
export { VirtualClock } from './virtual-clock.js';
