import { expose } from 'comlink';
import { createEvalService } from '../src/engine/service';
import { browserHost } from '../src/engine/browser-host';
import { reportFatalErrors } from '../src/engine/fatal';
import { holdLivenessLock } from '../src/engine/liveness';

reportFatalErrors(self);
holdLivenessLock(self);
expose(createEvalService(browserHost));
