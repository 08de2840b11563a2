// Messages of the sandbox's access checks (src/sandbox/auth): what a refused local caller reads.
export const en = {
  'sandboxAccess.foreignHost':
    'Refused: the ADATRAP Miner sandbox only answers requests addressed to 127.0.0.1, localhost or [::1] with its port, not to "{host}".',
  'sandboxAccess.foreignOrigin': 'Refused: the ADATRAP Miner sandbox does not answer web pages (Origin "{origin}").',
  'sandboxAccess.tokenRequired':
    'The sandbox control API needs "Authorization: Bearer <token>" with the SANDBOX_CONTROL_TOKEN the sandbox printed at start.',
} as const;

export const es: { [K in keyof typeof en]: string } = {
  'sandboxAccess.foreignHost':
    'Rechazado: el sandbox de ADATRAP Miner solo atiende solicitudes dirigidas a 127.0.0.1, localhost o [::1] con su puerto, no a "{host}".',
  'sandboxAccess.foreignOrigin': 'Rechazado: el sandbox de ADATRAP Miner no atiende a páginas web (Origin "{origin}").',
  'sandboxAccess.tokenRequired':
    'La API de control del sandbox necesita "Authorization: Bearer <token>" con el SANDBOX_CONTROL_TOKEN que el sandbox mostró al iniciar.',
};
