// The least-privilege policy of the machines' instance profile: read the executables and the inputs, write
// results (no delete: a previous result is copied under history/ and then overwritten, never removed), write
// to the run log group, and tag or terminate only the instance that makes the call.
import type { RunConfigSource } from './agentRunConfig';

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Action: string[];
  Resource: string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

export function instanceProfilePolicy(config: RunConfigSource, accountId = '*'): PolicyDocument {
  const bucketArn = (b: string) => `arn:aws:s3:::${b}`;
  const inputs = [
    config.gpsBucket,
    config.file196Bucket,
    config.transactionBucket,
    config.opProgramBucket,
    config.serviceDetailBucket,
  ];
  const uniqueInputs = [...new Set(inputs)];
  const logGroupArn = `arn:aws:logs:${config.region}:${accountId}:log-group:${config.logGroup}`;
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'ReadExecutablesRuntimeAndAgent',
        Effect: 'Allow',
        Action: ['s3:GetObject'],
        Resource: [`${bucketArn(config.executablesBucket)}/*`],
      },
      {
        Sid: 'ListInputs',
        Effect: 'Allow',
        Action: ['s3:ListBucket'],
        Resource: [...uniqueInputs, config.outputBucket].map(bucketArn),
      },
      {
        Sid: 'ReadInputs',
        Effect: 'Allow',
        Action: ['s3:GetObject'],
        Resource: uniqueInputs.map((b) => `${bucketArn(b)}/*`),
      },
      {
        Sid: 'WriteResultsKeepingHistory',
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
        Resource: [`${bucketArn(config.outputBucket)}/*`],
      },
      {
        Sid: 'WriteRunLogs',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: [logGroupArn, `${logGroupArn}:log-stream:*`],
      },
      {
        Sid: 'TagAndTerminateOnlyItself',
        Effect: 'Allow',
        Action: ['ec2:CreateTags', 'ec2:TerminateInstances'],
        Resource: [`arn:aws:ec2:${config.region}:${accountId}:instance/*`],
        Condition: { StringEquals: { 'aws:ARN': '${ec2:SourceInstanceARN}' } },
      },
    ],
  };
}
