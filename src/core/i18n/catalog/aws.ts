// Messages of the AWS adapters (src/aws).
export const en = {
  'aws.credentialsFailed': 'AWS credentials could not be loaded ({reason}). Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in .env, or AWS_PROFILE (run "aws sso login --profile {profile}" for an SSO profile).',
} as const;

export const es: { [K in keyof typeof en]: string } = {
  'aws.credentialsFailed': 'No se pudieron obtener las credenciales de AWS ({reason}). Defina AWS_ACCESS_KEY_ID y AWS_SECRET_ACCESS_KEY en .env, o AWS_PROFILE (ejecute "aws sso login --profile {profile}" si es un perfil SSO).',
};
