// Reads the user's AWS config and credentials files for the profile picker. A missing or unreadable file
// simply contributes no profile: the picker then invites typing a name.
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { awsProfileFiles, listAwsProfiles } from '../../core/awsProfiles';

export async function readAwsProfiles(
  env: Record<string, string | undefined> = process.env,
  home: string = homedir(),
): Promise<string[]> {
  const files = awsProfileFiles(env, home);
  const [config, credentials] = await Promise.all([
    readOptional(files.configFile),
    readOptional(files.credentialsFile),
  ]);
  return listAwsProfiles(config, credentials);
}

async function readOptional(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}
