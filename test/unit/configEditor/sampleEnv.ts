// A complete, valid `.env` with the user's comments, an unknown key and a secret, for the editor's tests.
export const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzSECRETzz';

export const SAMPLE_ENV = [
  '# Credentials of the analyst account',
  'AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE',
  `AWS_SECRET_ACCESS_KEY=${SECRET}`,
  'REGION_NAME=us-east-1 # Santiago data lives here',
  '',
  '# Machine',
  'AMI_ID=ami-0b697c4ae566cad55',
  'INSTANCE_TYPE=m5.xlarge',
  'KEY_PAIR=ec2-keypair',
  'LOG_GROUP=adatrap',
  'GENERAL_LOG_STREAM=general',
  'EXECUTABLES_BUCKET=adatrap-executables',
  'EXECUTABLE_VERSION=0.2',
  'GPS_BUCKET_NAME=adatrap-gps',
  'FILE_196_BUCKET_NAME=adatrap-196',
  'TRANSACTION_BUCKET_NAME=adatrap-transactions',
  'OP_PROGRAM_BUCKET_NAME=adatrap-po',
  'SERVICE_DETAIL_BUCKET_NAME=adatrap-service-detail',
  'OUTPUT_DATA_BUCKET_NAME=adatrap-output',
  'MY_NOTES=keep me',
  '',
].join('\n');
