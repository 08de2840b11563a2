// The AWS profiles a user can pick instead of access keys, read the way the AWS CLI and SDK read them.
// Pure: the caller reads the files; this decides where they are and what they name.

interface AwsProfileFiles {
  readonly configFile: string;
  readonly credentialsFile: string;
}

/** AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE win over the defaults under ~/.aws, as in the SDK. */
export function awsProfileFiles(env: Record<string, string | undefined>, homeDir: string): AwsProfileFiles {
  const home = homeDir.replace(/[\\/]+$/, '');
  return {
    configFile: env.AWS_CONFIG_FILE || `${home}/.aws/config`,
    credentialsFile: env.AWS_SHARED_CREDENTIALS_FILE || `${home}/.aws/credentials`,
  };
}

/**
 * Profile names from both files, sorted, without duplicates. In the config file a profile is `[default]` or
 * `[profile name]` (`[sso-session x]` and `[services x]` are not profiles); in the credentials file every
 * section is a profile.
 */
export function listAwsProfiles(configText: string | undefined, credentialsText: string | undefined): string[] {
  const names = new Set<string>();
  for (const section of sectionNames(configText ?? '')) {
    if (section === 'default') names.add(section);
    const m = /^profile\s+(.+)$/.exec(section);
    if (m) names.add(m[1].trim());
  }
  for (const section of sectionNames(credentialsText ?? '')) names.add(section);
  return [...names]
    .filter((n) => n.length > 0)
    .sort((a, b) => (a === 'default' ? -1 : b === 'default' ? 1 : a.localeCompare(b)));
}

function sectionNames(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*\[([^\]]+)\]\s*(?:[#;].*)?$/.exec(line);
    if (m) out.push(m[1].trim());
  }
  return out;
}
