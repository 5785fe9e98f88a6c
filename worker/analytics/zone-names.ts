/**
 * IANA time-zone names the runtime accepts but `Intl.supportedValuesOf("timeZone")` does not list: that list
 * has one spelling per zone, CLDR's, which keeps older names (Asia/Calcutta, Europe/Kiev) and leaves out UTC,
 * GMT and the tz database's links (US/Eastern, Japan). With these, a name written in another case is answered
 * in its proper form whichever spelling the caller chose (time-zone.ts). Kept only where the runtime knows them.
 */
export const NAMES_BEYOND_INTL = [
  // Current names that CLDR still lists under an older one.
  "Africa/Asmara", "America/Argentina/Buenos_Aires", "America/Argentina/Catamarca", "America/Argentina/Cordoba",
  "America/Argentina/Jujuy", "America/Argentina/Mendoza", "America/Atikokan", "America/Indiana/Indianapolis",
  "America/Kentucky/Louisville", "America/Nuuk", "Asia/Ho_Chi_Minh", "Asia/Kathmandu", "Asia/Kolkata", "Asia/Yangon",
  "Atlantic/Faroe", "Europe/Kyiv", "Pacific/Chuuk", "Pacific/Kanton", "Pacific/Pohnpei", "America/Ciudad_Juarez",
  // UTC and GMT under every name.
  "UTC", "Etc/UTC", "UCT", "Etc/UCT", "Universal", "Etc/Universal", "Zulu", "Etc/Zulu", "GMT", "Etc/GMT", "GMT0",
  "GMT+0", "GMT-0", "Etc/GMT0", "Etc/GMT+0", "Etc/GMT-0", "Greenwich", "Etc/Greenwich",
  // The tz database's links (its `backward` file) and its zones named for rules.
  "US/Alaska", "US/Aleutian", "US/Arizona", "US/Central", "US/East-Indiana", "US/Eastern", "US/Hawaii",
  "US/Indiana-Starke", "US/Michigan", "US/Mountain", "US/Pacific", "US/Samoa", "Canada/Atlantic", "Canada/Central",
  "Canada/Eastern", "Canada/Mountain", "Canada/Newfoundland", "Canada/Pacific", "Canada/Saskatchewan", "Canada/Yukon",
  "Australia/ACT", "Australia/Canberra", "Australia/LHI", "Australia/NSW", "Australia/North", "Australia/Queensland",
  "Australia/South", "Australia/Tasmania", "Australia/Victoria", "Australia/West", "Australia/Yancowinna",
  "Brazil/Acre", "Brazil/DeNoronha", "Brazil/East", "Brazil/West", "Chile/Continental", "Chile/EasterIsland",
  "Mexico/BajaNorte", "Mexico/BajaSur", "Mexico/General", "Cuba", "Egypt", "Eire", "GB", "GB-Eire", "Hongkong",
  "Iceland", "Iran", "Israel", "Jamaica", "Japan", "Kwajalein", "Libya", "Navajo", "NZ", "NZ-CHAT", "Poland",
  "Portugal", "PRC", "ROC", "ROK", "Singapore", "Turkey", "W-SU", "EST", "MST", "HST", "EST5EDT", "CST6CDT",
  "MST7MDT", "PST8PDT", "CET", "EET", "MET", "WET", "Europe/Belfast", "Asia/Tel_Aviv", "Asia/Chongqing",
  "Asia/Chungking", "Asia/Harbin", "Asia/Kashgar", "Asia/Macao", "Asia/Thimbu", "Asia/Ujung_Pandang",
  "Asia/Ulan_Bator", "Asia/Dacca", "Asia/Istanbul", "Europe/Nicosia", "Europe/Tiraspol", "Europe/Uzhgorod",
  "Europe/Zaporozhye", "America/Fort_Wayne", "America/Knox_IN", "America/Porto_Acre", "America/Rosario",
  "America/Santa_Isabel", "America/Shiprock", "America/Virgin", "America/Ensenada", "America/Atka",
  "America/Montreal", "America/Nipigon", "America/Rainy_River", "America/Thunder_Bay", "America/Yellowknife",
  "America/Pangnirtung", "Antarctica/South_Pole", "Atlantic/Jan_Mayen", "Pacific/Johnston", "Pacific/Samoa",
  "Pacific/Truk", "Pacific/Ponape", "Pacific/Yap", "Africa/Timbuktu", "Australia/Currie",
];
