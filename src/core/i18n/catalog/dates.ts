// Messages about run dates and months (src/core/dates.ts).
export const en = {
  'dates.empty': 'A date is required, in YYYY-MM-DD form (for example 2020-06-29).',
  'dates.notIsoForm': '{text} is not a date in YYYY-MM-DD form (for example 2020-06-29).',
  'dates.notCalendarDate': '{text} is not a calendar date.',
  'dates.reversedRange': 'The range {from} to {to} ends before it starts: give the earlier date first.',
  'dates.rangeTooLong': 'The range {from} to {to} has {days} days; one command takes at most {max}: split it.',
  'dates.farFuture': '{date} is more than a year after today ({today}): no data can exist for it. Check the year.',
  'dates.monthEmpty': 'A month is required, in YYYY-MM form (for example 2020-06).',
  'dates.notMonth': '{text} is not a month in YYYY-MM form (for example 2020-06).',
} as const;

export const es: { [K in keyof typeof en]: string } = {
  'dates.empty': 'Falta la fecha, en formato AAAA-MM-DD (por ejemplo 2020-06-29).',
  'dates.notIsoForm': '{text} no es una fecha en formato AAAA-MM-DD (por ejemplo 2020-06-29).',
  'dates.notCalendarDate': '{text} no es una fecha del calendario.',
  'dates.reversedRange': 'El rango {from} a {to} termina antes de empezar: indique primero la fecha anterior.',
  'dates.rangeTooLong': 'El rango {from} a {to} tiene {days} días; un comando acepta a lo más {max}: divídalo.',
  'dates.farFuture':
    '{date} está a más de un año de hoy ({today}): no puede haber datos para esa fecha. Revise el año.',
  'dates.monthEmpty': 'Falta el mes, en formato AAAA-MM (por ejemplo 2020-06).',
  'dates.notMonth': '{text} no es un mes en formato AAAA-MM (por ejemplo 2020-06).',
};
