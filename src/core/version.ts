import pkg from '../../package.json';

/** The app version recorded in every run. */
export const APP_VERSION: string = pkg.version;
