import { expose } from 'comlink';
import { createEvalService } from '../src/engine/service';
import { browserHost } from '../src/engine/browser-host';

expose(createEvalService(browserHost));
