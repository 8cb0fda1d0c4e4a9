import { estimateNodeSize, type Size } from '../model/auto-layout.js';
import type { FlowNode } from '../model/flow-types.js';

/**
 * The node as the overview draws it: a block of its card's size (as last measured, else as
 * estimated), with no handles or text. Keeping the size means React Flow keeps the handle
 * positions it measured on the card (see useHandlesMeasured for blocks never drawn as cards).
 * The size is a style, not the node's width and height: React Flow must still measure a
 * block it has never measured, before it fits the view to it.
 */
export function toOverviewNode(node: FlowNode): FlowNode {
  return { ...node, style: blockSize(node), data: { ...node.data, overview: true } };
}

/** The size of a node's card as last measured, else as estimated. */
export function blockSize(node: FlowNode): Size {
  return node.measured?.width !== undefined && node.measured.height !== undefined
    ? { width: node.measured.width, height: node.measured.height }
    : estimateNodeSize(node.data.node);
}

/** `nodes` for the overview, reusing the block made for each unchanged node (memoised components skip them). */
export function overviewNodes(nodes: readonly FlowNode[], made: WeakMap<FlowNode, FlowNode>): FlowNode[] {
  return nodes.map((node) => {
    let block = made.get(node);
    if (block === undefined) {
      block = toOverviewNode(node);
      made.set(node, block);
    }
    return block;
  });
}
