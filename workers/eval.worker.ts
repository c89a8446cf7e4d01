import { expose } from 'comlink';
import { createEvalService } from '../src/engine/service';
import { browserHost } from '../src/engine/browser-host';
import { reportFatalErrors } from '../src/engine/fatal';

reportFatalErrors(self);
expose(createEvalService(browserHost));
