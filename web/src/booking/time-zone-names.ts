// V8 (Chrome, Edge, Node) still reports some zones by the names ICU kept after IANA renamed them:
// a browser in India says `Asia/Calcutta`. People, Firefox and Confer's server use the current
// names, so the web app shows and sends those.
const currentNames: Record<string, string> = {
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Europe/Kiev': 'Europe/Kyiv',
  'America/Godthab': 'America/Nuuk',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Pacific/Truk': 'Pacific/Chuuk',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Coral_Harbour': 'America/Atikokan',
  'Africa/Asmera': 'Africa/Asmara',
};

/** The zone's current IANA name: `Asia/Calcutta` → `Asia/Kolkata`; other names unchanged. */
export const currentZoneName = (zone: string): string => currentNames[zone] ?? zone;

/** Every zone the browser knows, by current name, sorted; `also` (the current choice) is always among them. */
export function timeZoneNames(also: string): string[] {
  const names = new Set(Intl.supportedValuesOf('timeZone').map(currentZoneName));
  names.add(also);
  return [...names].sort();
}
