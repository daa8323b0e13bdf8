import type { DemoAppDefinition, DemoAppKey } from '../core/definition';
import { crm } from './crm';
import { files } from './files';
import { wiki } from './wiki';

export const DEMO_APPS: Readonly<Record<DemoAppKey, DemoAppDefinition>> = { wiki, crm, files };
