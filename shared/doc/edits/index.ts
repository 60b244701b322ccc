export { EditError } from './entity.ts';
export { initBlueprint, setMeta, setStatus, type MetaPatch, type StatusChange } from './meta.ts';
export { addStage, updateStage, moveStage, deleteStage, type NewStage, type StagePatch } from './stages.ts';
export { addLane, updateLane, moveLane, deleteLane, type NewLane, type LanePatch } from './lanes.ts';
export { addCard, updateCard, moveCard, deleteCard, deleteCardsWhere, type NewCard, type CardPatch, type CardPlace } from './cards.ts';
export { addFlow, updateFlow, deleteFlow, type NewFlow, type FlowPatch } from './flows.ts';
export { addPersona, updatePersona, deletePersona, setCardPersona } from './personas.ts';
export { putAnnotation, deleteAnnotation } from './annotations.ts';
