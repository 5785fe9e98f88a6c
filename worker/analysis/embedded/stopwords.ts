/**
 * Function words plus the "meta" words people use when describing a flag or intent in the
 * dashboard ("User mentions …", "Customer asks about …"). Neither carries what the definition
 * is about, so both are dropped before keyword matching and topic discovery.
 */
export const STOPWORDS = new Set(
  `a about above after again against all almost also am an and any anyone anything are aren't as at
  be because been before being below between both but by can can't cannot could couldn't did didn't
  do does doesn't doing don't down during each either else even ever every few for from further get
  gets got had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself
  him himself his how how's however i i'd i'll i'm i've if in into is isn't it it's its itself just
  let let's like made make many may me might more most much must mustn't my myself need needs no nor
  not now of off often on once one only or other others our ours ourselves out over own per please
  quite rather really same say says shall shan't she she'd she'll she's should shouldn't since so
  some something someone still such than that that's the their theirs them themselves then there
  there's these they they'd they'll they're they've this those though through thus to too under
  until up upon us use used using very via was wasn't we we'd we'll we're we've were weren't what
  what's when when's where where's whether which while who who's whom whose why why's will with
  within without won't would wouldn't yes yet you you'd you'll you're you've your yours yourself
  yourselves im ive dont cant wont didnt doesnt isnt thats hi hello hey thanks thank ok okay
  user users customer customers client clients visitor visitors person people mention mentions
  mentioned mentioning ask asks asked asking say said saying says tell tells telling talk talks
  talking message messages want wants wanted wanting wish wishes trying try tries express expresses
  expressing indicate indicates indicating show shows showing bot assistant chatbot agent reply
  replies response responds respond answer answers flag flags behaviour behavior behaviours
  behaviors intent intents topic topics related regarding concerning anything everything thing
  things way kind sort type whenever someone's`
    .split(/\s+/)
    .filter((w) => w !== ""),
);
