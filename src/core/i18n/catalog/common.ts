// Messages shared by every part. Each area keeps its own catalogue file so parallel work never edits one file;
// `es` is typed against `en`, so a key present in one language and missing in the other fails to compile.
export const en = {
  'common.unexpected': 'Unexpected error: {message}',
  'common.seeVerbose': 'Run again with --verbose for details.',
} as const;

export const es: { [K in keyof typeof en]: string } = {
  'common.unexpected': 'Error inesperado: {message}',
  'common.seeVerbose': 'Vuelva a ejecutar con --verbose para ver los detalles.',
};
