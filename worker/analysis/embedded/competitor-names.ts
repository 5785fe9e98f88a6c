/**
 * Well-known products and providers across the sectors that run support chatbots. A chatbot's real
 * competitors differ by business, so operators pass their own names in `AnalysisOptions.competitors`;
 * this list makes the flag useful out of the box. Names whose everyday reading is rarer than the brand
 * ("Wise", "Square", "Target", "Three", "Free", "Claro", "Vivo") are left out: context cues ("cheaper than X", "X
 * refunds in minutes") still catch those. The rest are matched in any case — people on phones type "netflix" and
 * "albert heijn" — except the names in AS_WRITTEN, which are everyday words in lower case in one of the analyzer's
 * languages ("zoom in", "cut me some slack", "ups" for oops, "mis correos", "un carrefour").
 */
export const DEFAULT_COMPETITORS: readonly string[] = [
  // Assistants and support tools
  "ChatGPT", "OpenAI", "Gemini", "Claude", "Copilot", "Perplexity", "Alexa", "Siri", "Zendesk", "Intercom",
  "Freshdesk", "Freshworks", "HubSpot", "Salesforce", "LiveChat", "Tidio", "Help Scout", "Gorgias", "Kustomer",
  "Pipedrive", "Zoho", "Mailchimp", "Klaviyo", "Mistral", "Anthropic", "DeepSeek",
  // Commerce, payments, banking, crypto
  "Shopify", "WooCommerce", "BigCommerce", "Squarespace", "Wix", "Stripe", "PayPal", "Adyen", "Braintree", "Pagar.me", "PagSeguro",
  "Revolut", "Monzo", "N26", "Klarna", "Afterpay", "Venmo", "Cash App", "Nubank", "Starling", "Chime", "SoFi",
  "Robinhood", "Coinbase", "Binance", "Kraken", "Bitpanda", "eToro", "Trading 212", "Amazon", "eBay", "Etsy",
  "AliExpress", "Temu", "Shein", "Zalando", "Walmart", "IKEA", "Wayfair",
  // Work software
  "Asana", "Trello", "ClickUp", "Monday.com", "Airtable", "Notion", "Jira", "Basecamp", "Dropbox", "Box.com", "Slack",
  "Zoom", "Webex", "Calendly", "DocuSign", "QuickBooks", "Xero", "FreshBooks", "Sage", "Gusto", "Rippling",
  "Deel", "Personio", "BambooHR", "Workday", "ADP", "Paychex", "DATEV", "Churchill", "Rewe", "Flink", "Smart Fit", "Microsoft Dynamics", "Dynamics 365", "NetSuite", "Odoo", "Mixpanel", "Amplitude", "Datadog",
  "New Relic", "Sentry", "Twilio", "SendGrid", "Mailgun", "Figma", "Canva", "Miro", "Vercel", "Netlify",
  "Heroku", "DigitalOcean", "GoDaddy", "Bluehost",
  // Telecom, utilities, insurance
  "Vonage", "Verizon", "AT&T", "T-Mobile", "Vodafone", "Comcast", "Xfinity", "Spectrum", "BT", "EE", "O2",
  "Telekom", "Movistar", "Telefónica", "Swisscom", "KPN", "Ziggo", "TIM", "Iliad", "Fastweb", "WindTre", "SFR", "Bouygues Telecom", "Sosh", "Yoigo", "Jazztel", "MásMóvil", "Odido", "bunq", "Qonto", "Octopus Energy",
  "British Gas", "E.ON", "Lemonade", "Geico", "Allstate", "Progressive", "State Farm", "Aviva", "Allianz",
  "AXA", "Check24",
  // Travel, mobility, delivery, food
  "Booking.com", "Expedia", "Airbnb", "Vrbo", "Hotels.com", "Trivago", "Skyscanner", "Kayak", "Ryanair",
  "easyJet", "Wizz Air", "Lufthansa", "British Airways", "Emirates", "Delta", "United Airlines", "LATAM",
  "Hertz", "Avis", "Sixt", "Enterprise Rent-A-Car", "Europcar", "Uber", "Lyft", "Bolt", "Uber Eats",
  "DoorDash", "Deliveroo", "Just Eat", "Glovo", "iFood", "Thuisbezorgd", "Grubhub", "Instacart", "HelloFresh",
  "DHL", "FedEx", "UPS", "USPS", "PostNL", "Hermes", "Evri", "DPD", "GLS", "Royal Mail",
  // Media, learning, fitness, health, property
  "Netflix", "Spotify", "Hulu", "Disney+", "HBO Max", "Prime Video", "Apple Music", "YouTube Premium",
  "Deezer", "Audible", "Duolingo", "Babbel", "Coursera", "Udemy", "edX", "Skillshare", "Khan Academy",
  "Chegg", "Peloton", "Strava", "Fitbit", "Garmin", "ClassPass", "MyFitnessPal", "Doctolib", "Zocdoc",
  "Teladoc", "Zillow", "Redfin", "Rightmove", "Zoopla", "Idealista", "Immobiliare.it", "Steam", "Epic Games",
  "Doctoralia", "Jameda", "Treatwell", "Fotocasa", "Funda", "ImmoScout24", "Immowelt", "SeLoger", "Busuu",
  "PlayStation", "Xbox", "Nintendo", "Boots", "Walgreens", "CVS Pharmacy", "Superdrug", "RD Station",
  // Europe and Latin America by sector: payments and accounting, banks, telecom, energy, insurance, delivery
  "SumUp", "Zettle", "Lightspeed", "Mollie", "Worldline", "Payoneer", "Holded", "Moneybird", "Lexoffice", "sevDesk",
  "Pennylane", "FreeAgent", "HiBob", "Factorial", "Fineco", "ING", "Santander", "BBVA", "CaixaBank", "Sabadell",
  "Bankinter", "Openbank", "Itaú", "Bradesco", "PicPay", "Mercado Pago", "Intesa Sanpaolo", "UniCredit", "Satispay",
  "Commerzbank", "Sparkasse", "DKB", "Comdirect", "Postbank", "Triodos", "ABN AMRO", "Rabobank", "Boursorama",
  "BNP Paribas", "Crédit Agricole", "Barclays", "Lloyds", "HSBC", "NatWest", "Nationwide", "Sky", "MEO", "NOS",
  "Orange", "Telefonica", "Virgin Media", "Plusnet", "TalkTalk", "Digi", "Lowi", "Pepephone", "Simyo", "Tele2",
  "Free Mobile", "Proximus", "Telenet", "1&1", "Congstar", "EDF", "Engie", "TotalEnergies", "Iberdrola", "Endesa",
  "Naturgy", "Repsol", "Enel", "Eneco", "Vattenfall", "Essent", "Greenchoice", "EnBW", "RWE", "Galp", "EDP", "HUK",
  "Generali", "Mapfre", "Mutua Madrileña", "Fidelidade", "Lieferando", "Rappi", "Wolt",
  // Gyms, dating, parking, tickets, lockers, workspaces, pet insurance
  "PureGym", "Planet Fitness", "Basic-Fit", "Anytime Fitness", "McFit", "Gympass", "Wellhub", "ClassPass", "Urban Sports Club",
  "Tinder", "Bumble", "Hinge", "OkCupid", "Badoo", "EasyPark", "JustPark", "ParkMobile", "PayByPhone", "RingGo", "SpotHero",
  "Ticketmaster", "Eventbrite", "StubHub", "Viagogo", "DICE", "See Tickets", "InPost", "WeWork", "Regus", "Petplan",
  "Trupanion", "Pluralsight", "Crypto.com", "giffgaff", "Premier Inn", "Travelodge", "Octopus",
  // Telecom, energy, insurance and streaming in English-speaking markets beyond the US: India, Australia, Canada,
  // South Africa, Singapore, and the UK's newer providers
  "Jio", "Airtel", "BSNL", "Vodafone Idea", "Telstra", "Optus", "TPG", "Aussie Broadband", "Foxtel", "Kayo", "Telus",
  "Vodacom", "MTN", "Singtel", "Hyperoptic", "Community Fibre", "OVO Energy", "Admiral", "Direct Line",
  // Health, learning, mobility, delivery, property, investing and games beyond the US: online doctors and pharmacies,
  // course platforms, ride hailing, letting portals and agents, brokers and crypto exchanges, game stores
  "Kry", "Livi", "Zava", "DocMorris", "Shop Apotheke", "LloydsPharmacy", "Open University", "FutureLearn", "Domestika",
  "OpenClassrooms", "Careem", "FreeNow", "FREENOW", "Free Now", "Cabify", "Swiggy", "Zomato", "Foodpanda", "Talabat",
  "OpenRent", "Foxtons", "Purplebricks", "Bitvavo", "Trade Republic", "Scalable Capital", "Bitstamp", "GOG",
  "LinkedIn Learning", "Alura", "MioDottore", "Luminus", "Fresha", "Booksy", "Paystack", "Shiprocket", "Delhivery",
  "GrabFood",
  // Everyday consumer brands in the six other languages' countries: rail and coaches, groceries, shops and
  // marketplaces, airlines, post, streaming, banks, telecom, health insurance ("Jumbo", "Flink", "Picnic", "Otto",
  // "Mango", "Coop", "Italo", "DB" and "CP" are everyday words or abbreviations too, so only context finds them)
  "Deutsche Bahn", "FlixBus", "Flixbus", "SNCF", "Ouigo", "Renfe", "Iryo", "Trenitalia", "NS", "Eurostar", "BlaBlaCar",
  "Lidl", "Aldi", "Mercadona", "Carrefour", "Albert Heijn", "Esselunga", "Continente", "Pingo Doce", "Rewe", "Edeka",
  "Tesco", "Sainsbury's", "Ocado", "Auchan", "Conad", "Vinted", "Wallapop", "Leboncoin", "Marktplaats",
  "Kleinanzeigen", "Bol.com", "Coolblue", "Fnac", "MediaMarkt", "Cdiscount", "El Corte Inglés", "PcComponentes",
  "Worten", "Currys", "Galaxus", "Digitec", "Decathlon", "Primark", "Zara", "H&M", "Vueling", "Iberia", "Air France", "KLM", "Transavia", "Volotea",
  "ITA Airways", "Eurowings", "TAP Air Portugal", "Correos", "La Poste", "Colissimo", "Chronopost", "Mondial Relay",
  "Bpost", "CTT", "SEUR", "Poste Italiane", "DAZN", "Canal+", "Movistar+", "Videoland", "RTL+", "Joyn",
  "Deutsche Bank", "Société Générale", "Crédit Mutuel", "La Banque Postale", "Fortuneo", "Caixa Geral", "Millennium BCP",
  "Novo Banco", "ImaginBank", "Lebara", "Lycamobile", "Kena Mobile", "Very Mobile", "Bouygues", "AOK", "Barmer",
  "Techniker Krankenkasse", "Sanitas", "Adeslas", "Zilveren Kruis", "VGZ", "Bupa",
];

/** Names matched only with the capitals they are listed with: in lower case they are words first. */
export const AS_WRITTEN: ReadonlySet<string> = new Set([
  // English words and first names
  "Sky", "Orange", "Bolt", "Delta", "Chime", "Kraken", "Gemini", "Claude", "Alexa", "Copilot", "Perplexity",
  "Intercom", "Mistral", "Anthropic", "Slack", "Zoom", "Stripe", "Braintree", "Starling", "Sage", "Rippling",
  "Workday", "Basecamp", "Asana", "Sentry", "Amplitude", "Spectrum", "Lemonade", "Progressive", "Emirates",
  "Notion", "Boots", "Just Eat", "Audible", "Steam", "Lightspeed", "Mollie", "Factorial", "Nationwide", "Octopus", "DICE", "Hinge",
  "Bumble", "Tinder", "Hermes", "Kayak", "Hertz", "Salesforce", "LiveChat", "Cash App", "Prime Video", "See Tickets",
  "Anytime Fitness", "Epic Games", "Enterprise Rent-A-Car", "Decathlon", "SoFi", "Open University", "Free Now", "GOG",
  // Words in the six other languages
  "Uber", "Deel", "Gusto", "Peloton", "Idealista", "Funda", "Generali", "Fidelidade", "Avis", "Miro", "Iberia",
  "Continente", "Correos", "La Poste", "Carrefour", "Marktplaats", "Kleinanzeigen", "Novo Banco", "Very Mobile",
  "Free Mobile", "Mercado Pago", "Pingo Doce", "Sanitas",
  // Abbreviations that are chat shorthand too
  "NOS", "TIM", "NS", "BT", "EE", "UPS", "ING", "LATAM", "AOK",
]);

export const COMPETITORS_ANY_CASE: readonly string[] = DEFAULT_COMPETITORS.filter((n) => !AS_WRITTEN.has(n));
export const COMPETITORS_AS_WRITTEN: readonly string[] = DEFAULT_COMPETITORS.filter((n) => AS_WRITTEN.has(n));
