// The machine path's own messages: the deadline schedule (src/aws/deadlines.ts), the root volume, AMI_ID
// `resolve:ssm:` parameters.
export const en = {
  'deadline.noRole':
    'No deadline schedule for {instanceId}: SCHEDULER_ROLE_ARN is not set (adatrap-miner setup prints it). The machine still shuts itself down at {deadline}, but a restart or an old launch agent can cancel that.',
  'deadline.createFailed':
    'No deadline schedule for {instanceId} ({reason}): {fix} The machine still shuts itself down at {deadline}.',
  'deadline.fix.denied':
    'allow scheduler:CreateSchedule, and iam:PassRole on SCHEDULER_ROLE_ARN {role}, to whoever launches (adatrap-miner print-iam-policy --operator).',
  'deadline.fix.role':
    'check SCHEDULER_ROLE_ARN {role}: it must exist and trust scheduler.amazonaws.com (adatrap-miner setup makes it).',
  'deadline.fix.other': 'try the launch again later, or stop the run yourself before {deadline}.',
  'deadline.deleteFailed':
    'The deadline schedule {name} could not be deleted ({reason}); at the deadline it will find the machine already gone.',
  'deadline.cli.warning': 'Warning: {warning}',
} as const;

export const es: { [K in keyof typeof en]: string } = {
  'deadline.noRole':
    'Sin programación de plazo para {instanceId}: SCHEDULER_ROLE_ARN no está definido (adatrap-miner setup lo muestra). La máquina igual se apaga sola a las {deadline}, pero un reinicio o un agente de arranque antiguo pueden anular eso.',
  'deadline.createFailed':
    'Sin programación de plazo para {instanceId} ({reason}): {fix} La máquina igual se apaga sola a las {deadline}.',
  'deadline.fix.denied':
    'permita scheduler:CreateSchedule, e iam:PassRole sobre SCHEDULER_ROLE_ARN {role}, a quien lanza (adatrap-miner print-iam-policy --operator).',
  'deadline.fix.role':
    'revise SCHEDULER_ROLE_ARN {role}: debe existir y confiar en scheduler.amazonaws.com (adatrap-miner setup lo crea).',
  'deadline.fix.other':
    'vuelva a intentar el lanzamiento más tarde, o detenga la ejecución usted mismo antes de las {deadline}.',
  'deadline.deleteFailed':
    'No se pudo eliminar la programación de plazo {name} ({reason}); en el plazo encontrará la máquina ya terminada.',
  'deadline.cli.warning': 'Advertencia: {warning}',
};
