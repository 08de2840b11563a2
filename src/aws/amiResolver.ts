// AMI_ID may be `resolve:ssm:<parameter>[:version|:label]` (src/core/config.ts SSM_AMI): pre-flight resolves it
// with SSM GetParameter to the image it names, so the launch sizes its disk for, and starts, that image, and a
// missing parameter is one message naming AMI_ID instead of RunInstances' InvalidParameterValue.
import type { SSMClient } from '@aws-sdk/client-ssm';
import { SSM_AMI } from '../core/config';
import { UserError } from '../core/errors';
import { t } from '../core/i18n';
import { actionError, awsErrorName } from './awsErrors';
import { ssmSdk } from './sdk';

/** The image id AMI_ID names: itself, or the value of its Systems Manager parameter. */
export async function resolveAmiId(ssm: () => SSMClient, amiId: string): Promise<string> {
  const m = SSM_AMI.exec(amiId);
  if (!m) return amiId;
  const name = amiId.slice('resolve:ssm:'.length);
  let value: string | undefined;
  try {
    value = (await ssm().send(new (ssmSdk().GetParameterCommand)({ Name: name }))).Parameter?.Value;
  } catch (e) {
    const code = awsErrorName(e);
    if (code === 'ParameterNotFound' || code === 'ParameterVersionNotFound')
      throw new UserError(t('deadline.ssm.notFound', { parameter: name }), 2);
    throw actionError(e, `ssm:GetParameter (AMI_ID ${name})`);
  }
  if (!value || !/^ami-[0-9a-f]{8,17}$/.test(value))
    throw new UserError(t('deadline.ssm.notAnImage', { parameter: name, value: value ?? '' }), 2);
  return value;
}
