/**
 * Well-known products and providers across the sectors that run support chatbots. A chatbot's real
 * competitors differ by business, so operators pass their own names in `AnalysisOptions.competitors`;
 * this list makes the flag useful out of the box. Matched case-sensitively as written, so names
 * that are also everyday words ("Wise", "Square", "Target", "Three", "Free", "Claro", "Vivo") are left out: context cues
 * ("cheaper than X", "X refunds in minutes") still catch those.
 */
export const DEFAULT_COMPETITORS: readonly string[] = [
  // Assistants and support tools
  "ChatGPT", "OpenAI", "Gemini", "Claude", "Copilot", "Perplexity", "Alexa", "Siri", "Zendesk", "Intercom",
  "Freshdesk", "Freshworks", "HubSpot", "Salesforce", "LiveChat", "Tidio", "Help Scout", "Gorgias", "Kustomer",
  "Pipedrive", "Zoho", "Mailchimp", "Klaviyo", "Mistral", "Anthropic", "DeepSeek",
  // Commerce, payments, banking, crypto
  "Shopify", "WooCommerce", "BigCommerce", "Squarespace", "Wix", "Stripe", "PayPal", "Adyen", "Braintree",
  "Revolut", "Monzo", "N26", "Klarna", "Afterpay", "Venmo", "Cash App", "Nubank", "Starling", "Chime", "SoFi",
  "Robinhood", "Coinbase", "Binance", "Kraken", "Bitpanda", "eToro", "Trading 212", "Amazon", "eBay", "Etsy",
  "AliExpress", "Temu", "Shein", "Zalando", "Walmart", "IKEA", "Wayfair",
  // Work software
  "Asana", "Trello", "ClickUp", "Monday.com", "Airtable", "Jira", "Basecamp", "Dropbox", "Box.com", "Slack",
  "Zoom", "Webex", "Calendly", "DocuSign", "QuickBooks", "Xero", "FreshBooks", "Sage", "Gusto", "Rippling",
  "Deel", "Personio", "BambooHR", "Workday", "ADP", "Paychex", "DATEV", "Mixpanel", "Amplitude", "Datadog",
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
  "PlayStation", "Xbox", "Nintendo",
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
  "Tinder", "Bumble", "Hinge", "OkCupid", "Badoo", "EasyPark", "ParkMobile", "PayByPhone", "RingGo", "SpotHero",
  "Ticketmaster", "Eventbrite", "StubHub", "Viagogo", "DICE", "See Tickets", "InPost", "WeWork", "Regus", "Petplan",
  "Trupanion", "Pluralsight", "Crypto.com", "giffgaff", "Premier Inn", "Travelodge", "Octopus",
];
