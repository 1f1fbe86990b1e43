// electron-builder.yml cannot be exercised here (no Electron download), so check it statically:
// valid against electron-builder's own JSON schema, and the settings that matter are there.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// ajv and js-yaml come with electron-builder (app-builder-lib); resolve them from there.
const requireFromBuilder = createRequire(createRequire(import.meta.url).resolve('app-builder-lib/package.json'));
const yaml = requireFromBuilder('js-yaml') as { load(text: string): unknown };
const Ajv = requireFromBuilder('ajv') as new (options: object) => { validate(schema: unknown, data: unknown): boolean; errors?: unknown };
const schema: unknown = JSON.parse(readFileSync(requireFromBuilder.resolve('app-builder-lib/scheme.json'), 'utf8'));

interface BuilderConfig {
  asar: boolean;
  asarUnpack: string[];
  npmRebuild: boolean;
  buildDependenciesFromSource: boolean;
  files: string[];
  electronFuses: Record<string, boolean>;
  linux: { target: string[] };
  mac: { target: string[] };
  win: { target: string[] };
}

const config = yaml.load(readFileSync('electron-builder.yml', 'utf8')) as BuilderConfig;

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's schema", () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const valid = ajv.validate(schema, config);
    expect(ajv.errors ?? null).toBeNull();
    expect(valid).toBe(true);
  });

  it('targets AppImage + deb, dmg and nsis', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
  });

  it('rebuilds better-sqlite3 for Electron and unpacks it from the asar', () => {
    expect(config.asar).toBe(true);
    expect(config.npmRebuild).toBe(true);
    expect(config.buildDependenciesFromSource).toBe(true);
    expect(config.asarUnpack).toContain('**/node_modules/better-sqlite3/**');
    expect(config.files).toContain('dist/renderer/**/*');
  });

  it('turns off the fuses the app does not need', () => {
    expect(config.electronFuses).toMatchObject({ runAsNode: false, enableNodeOptionsEnvironmentVariable: false, enableNodeCliInspectArguments: false, onlyLoadAppFromAsar: true });
  });
});
