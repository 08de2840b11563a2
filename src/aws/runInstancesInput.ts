// The core's LaunchPlan is plain data with the EC2 API's field names; the SDK types InstanceType as a closed
// union, which a configured value (any type AWS adds later) cannot be checked against at compile time.
import type { _InstanceType, RunInstancesCommandInput } from '@aws-sdk/client-ec2';
import type { LaunchPlan } from '../core/launchPlan';

export function runInstancesInput(plan: LaunchPlan): RunInstancesCommandInput {
  return { ...plan, InstanceType: plan.InstanceType as _InstanceType };
}
