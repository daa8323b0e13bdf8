import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../config/config';
import { StartupError } from '../startup-error';
import { CreatedFiles, loadInstanceKey, prepareDataDir } from './data-dir';

describe('data directory and instance key', () => {
  let scratch: string;
  beforeEach(() => (scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-unit-'))));
  afterEach(() => fs.rmSync(scratch, { recursive: true, force: true }));

  const configFor = (dataDir: string, env: Record<string, string> = {}) => loadConfig({ DATA_DIR: dataDir, ...env }, { workspaceRoot: scratch });

  it('creates the data directory and generates a 0600 key once, then reuses it', () => {
    const config = configFor(path.join(scratch, 'data'));
    const created = new CreatedFiles();
    prepareDataDir(config, created);
    const first = loadInstanceKey(config, created);
    expect(first.generated).toBeTrue();
    expect(first.key.length).toBe(32);
    expect(fs.statSync(path.join(config.dataDir, 'instance.key')).mode & 0o777).toBe(0o600);
    const second = loadInstanceKey(config, new CreatedFiles());
    expect(second.generated).toBeFalse();
    expect(second.key.equals(first.key)).toBeTrue();
  });

  it('takes the key from SECRET_KEY and writes no file', () => {
    const config = configFor(path.join(scratch, 'data'), { SECRET_KEY: 'b'.repeat(64) });
    prepareDataDir(config, new CreatedFiles());
    expect(loadInstanceKey(config, new CreatedFiles()).source).toBe('environment');
    expect(fs.existsSync(path.join(config.dataDir, 'instance.key'))).toBeFalse();
  });

  it('removes what a failed start created, and only that', () => {
    const config = configFor(path.join(scratch, 'new', 'data'));
    const created = new CreatedFiles();
    prepareDataDir(config, created);
    loadInstanceKey(config, created);
    created.rollback();
    expect(fs.existsSync(config.dataDir)).toBeFalse();

    const existing = configFor(path.join(scratch, 'kept'));
    fs.mkdirSync(existing.dataDir);
    fs.writeFileSync(path.join(existing.dataDir, 'notes.txt'), 'mine');
    const again = new CreatedFiles();
    prepareDataDir(existing, again);
    loadInstanceKey(existing, again);
    again.rollback();
    expect(fs.readdirSync(existing.dataDir)).toEqual(['notes.txt']);
  });

  it('explains a data directory that cannot be created', () => {
    fs.writeFileSync(path.join(scratch, 'a-file'), '');
    const config = configFor(path.join(scratch, 'a-file', 'data'));
    expect(() => prepareDataDir(config, new CreatedFiles())).toThrowError(StartupError, /cannot be created \(a part of the path is a file, not a folder\)/);
  });

  it('refuses a damaged key file and leaves it untouched', () => {
    const config = configFor(path.join(scratch, 'data'));
    fs.mkdirSync(config.dataDir);
    fs.writeFileSync(path.join(config.dataDir, 'instance.key'), 'garbage');
    expect(() => loadInstanceKey(config, new CreatedFiles())).toThrowError(StartupError, /is damaged/);
    expect(fs.readFileSync(path.join(config.dataDir, 'instance.key'), 'utf8')).toBe('garbage');
  });
});
