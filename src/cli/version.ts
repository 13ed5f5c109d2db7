import pkg from '../../package.json';

/** The tool's version, from package.json, shown in Run info and `--version`. */
export const version: string = pkg.version;
