/** The dataTransfer type a palette item carries while dragged onto the canvas. */
export const DRAG_KIND_TYPE = 'application/switchyard-kind';
