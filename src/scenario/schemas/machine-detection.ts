/** Machine Detection (section 5.12): tells a person from an answering machine (add-on amd). */
import { Type, type Static } from 'typebox';

export const MachineDetectionAction = Type.Literal('machineDetection', {
  description: 'Listens to up to 4 s of far-end audio and sets machineAnswered and machineDetectionResult',
});
export type MachineDetectionAction = Static<typeof MachineDetectionAction>;
