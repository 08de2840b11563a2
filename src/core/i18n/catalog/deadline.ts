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
  'deadline.volume.belowSnapshot':
    "ROOT_VOLUME_GB {size} is smaller than the image's root snapshot ({snapshot} GiB): set ROOT_VOLUME_GB to at least {snapshot}, or leave it empty to size the disk from the day's inputs.",
  'deadline.volume.noImage':
    'AMI_ID {imageId} was not found in this region (DescribeImages): set AMI_ID to an image of REGION_NAME.',
  'deadline.volume.free': 'Free disk: {free}; this day needs about {needed} ({factor} x {inputs} of inputs).',
  'deadline.volume.noSpace':
    'Not enough disk: this day needs about {needed} and {free} is free. Set ROOT_VOLUME_GB to at least {suggested}, or leave it empty to size the disk from the inputs.',
  'deadline.ssm.notFound':
    'AMI_ID names the Systems Manager parameter {parameter}, which does not exist in this region: check its name (public Windows images are under /aws/service/ami-windows-latest/).',
  'deadline.ssm.notAnImage': 'AMI_ID names the parameter {parameter}, whose value "{value}" is not an AMI id.',
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
  'deadline.volume.belowSnapshot':
    'ROOT_VOLUME_GB {size} es menor que la instantánea raíz de la imagen ({snapshot} GiB): ponga ROOT_VOLUME_GB en al menos {snapshot}, o déjelo vacío para dimensionar el disco según las entradas del día.',
  'deadline.volume.noImage':
    'AMI_ID {imageId} no existe en esta región (DescribeImages): ponga en AMI_ID una imagen de REGION_NAME.',
  'deadline.volume.free': 'Disco libre: {free}; este día necesita cerca de {needed} ({factor} x {inputs} de entradas).',
  'deadline.volume.noSpace':
    'Disco insuficiente: este día necesita cerca de {needed} y hay {free} libres. Ponga ROOT_VOLUME_GB en al menos {suggested}, o déjelo vacío para dimensionar el disco según las entradas.',
  'deadline.ssm.notFound':
    'AMI_ID nombra el parámetro de Systems Manager {parameter}, que no existe en esta región: revise su nombre (las imágenes Windows públicas están bajo /aws/service/ami-windows-latest/).',
  'deadline.ssm.notAnImage': 'AMI_ID nombra el parámetro {parameter}, cuyo valor "{value}" no es un id de AMI.',
};
