import { openModelInBrowser } from '../runtime/open-browser';
import type { EvalHost } from './service';

export const browserHost: EvalHost = {
  openModel: openModelInBrowser,
  environment: () => ({ host: 'browser', agent: navigator.userAgent }),
};
