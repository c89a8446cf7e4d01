import { openModelInNode } from '../runtime/open-node';
import type { EvalHost } from './service';

export const nodeHost: EvalHost = {
  openModel: openModelInNode,
  environment: () => ({ host: 'node', agent: `node ${process.version}` }),
};
