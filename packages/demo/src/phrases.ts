import type { DemoTeamId } from './roster.ts';

/**
 * Phrase banks of the demo. Plain lines avoid every lexicon phrase of METRICS.md (no thanks, no
 * apology, no "can't", no question mark, no jargon), so that a metric sees a behaviour only where an
 * agent's habit put it on purpose.
 */

/** One customer problem with what an attentive agent would say back, ask, and do about it. */
export interface Problem {
  statement: string;
  /** Completes "Just to confirm, …". */
  summary: string;
  question: string;
  answer: string;
  /** What the agent does, in order. */
  steps: string[];
  resolution: string;
}

export interface TeamPhrases {
  problems: Problem[];
  /** Said while working when the problem's own steps have run out. */
  fillers: string[];
  jargonSteps: string[];
  /** Completes "a specialist who can …". */
  specialistCan: string[];
  transferTargets: string[];
  agentFirstGreeting: string;
}

/** The organisation's script library: the scripted agent reads these; seed them as the demo org's scripts. */
export const DEMO_SCRIPT_LINES: readonly string[] = [
  'I will be happy to assist you with that today.',
  'Please allow me a moment to review the details on your account.',
  'I have documented the details of your request in our records.',
  'Please let me know if there is anything else I can assist you with today.',
  'Thank you for your patience while I look into this for you.',
  'Your satisfaction is our top priority here at Rapport.',
  'I apologize for any inconvenience this may have caused you.',
  'Please be advised that your request has now been processed.',
  'Thank you for contacting us and have a wonderful day.',
  'I will now go ahead and review the available options for you.',
];

const FILLERS = [
  'I am adding a note to the account now.',
  'Let me check one more thing on the account.',
  'The page is loading, it takes a few seconds.',
  'I can see the full history of the account here.',
];

export const TEAM_PHRASES: Record<DemoTeamId, TeamPhrases> = {
  billing: {
    agentFirstGreeting: 'Billing team, this is {agent} speaking.',
    problems: [
      {
        statement: 'I was charged twice for my October bill.',
        summary: 'you were charged twice for the October bill',
        question: 'Could you tell me the last four digits of the card you paid with?',
        answer: 'It ends in 4417, and both payments went through on the third.',
        steps: [
          'I can see both payments on the account right now.',
          'I am moving the second payment back to your card.',
          'The refund will show on your card in three to five working days.',
        ],
        resolution: 'The duplicate charge is reversed and the account is back in order.',
      },
      {
        statement: 'There is a late fee on my invoice and I paid on time.',
        summary: 'a late fee was added although you paid on time',
        question: 'Do you remember the date you made the payment?',
        answer: 'I paid on the twelfth, two days before the due date.',
        steps: [
          'Your payment reached us a day after the invoice run.',
          'I am removing the late fee from the next invoice.',
          'I have also turned on a reminder email before each due date.',
        ],
        resolution: 'The late fee is gone and the invoice is corrected.',
      },
      {
        statement: 'My monthly bill went up by twenty dollars and nobody told me why.',
        summary: 'your monthly bill rose by twenty dollars without any notice',
        question: 'Which month did you first see the higher amount?',
        answer: 'It started with the September bill.',
        steps: [
          'The new amount comes from the end of your introductory discount.',
          'I have moved you to the plan that matches what you use.',
          'The next bill will be back to the old amount.',
        ],
        resolution: 'The account is on the right plan now and the next bill is lower.',
      },
      {
        statement: 'I cancelled the premium plan but I am still paying for it.',
        summary: 'you are still being billed for the premium plan you cancelled',
        question: 'When did you cancel the premium plan?',
        answer: 'Back in August, I have the confirmation email.',
        steps: [
          'I can see the cancellation request from August on file.',
          'It was never applied, so I am applying it now with the August date.',
          'The premium charges since then are going back to your card.',
        ],
        resolution: 'The premium plan is cancelled and the refund is on its way.',
      },
      {
        statement: 'My card payment failed but the money left my bank account.',
        summary: 'the payment shows as failed here but your bank took the money',
        question: 'Can you see the exact amount on your bank statement?',
        answer: 'Yes, it says 64 dollars and 90 cents.',
        steps: [
          'I can see the failed attempt for 64 dollars and 90 cents.',
          'The bank usually returns a failed payment within a few days.',
          'I have marked the invoice as paid so the reminders stop.',
        ],
        resolution: 'The invoice is settled and the account is up to date.',
      },
    ],
    fillers: FILLERS,
    jargonSteps: [
      'I have raised a chargeback with tier 2 under the billing SLA.',
      'The proration on the billing cycle triggered an ARPU adjustment in provisioning.',
      'I will log it in the CRM and route it through the escalation matrix.',
      'The dunning run flagged the account before the SLA window closed.',
      'Tier 2 has to reverse the ledger entry on the backend.',
    ],
    specialistCan: ['review the disputed charges with you', 'issue the refund directly'],
    transferTargets: ['billing-disputes', 'retention', 'tech-support'],
  },
  'tech-support': {
    agentFirstGreeting: 'Technical support, {agent} here.',
    problems: [
      {
        statement: 'My internet keeps dropping every evening.',
        summary: 'your connection drops out every evening',
        question: 'Does it happen on every device or only on one?',
        answer: 'Every device, the laptop and both phones.',
        steps: [
          'I am running a line test from here, it takes about a minute.',
          'The test shows the line dropping around seven every evening.',
          'I have moved your connection to a more stable profile.',
        ],
        resolution: 'The connection is stable again and the speed test looks good.',
      },
      {
        statement: 'The router light is blinking red and nothing works.',
        summary: 'the router shows a red light and you have no service at all',
        question: 'How long has the light been red?',
        answer: 'Since this morning, around eight.',
        steps: [
          'There was an outage in your area that ended an hour ago.',
          'Please switch the router off at the wall for thirty seconds.',
          'I can see the router online again on my screen.',
        ],
        resolution: 'The router is back online and the light should be white now.',
      },
      {
        statement: 'I have not been able to log in to the app since the update.',
        summary: 'the app stopped letting you log in after the latest update',
        question: 'What message do you see when you try to log in?',
        answer: 'It just says something went wrong and sends me back.',
        steps: [
          'Please open the app settings and clear the stored data.',
          'I have reset the login on the account from our side.',
          'Please try logging in again with the same password.',
        ],
        resolution: 'You are logged in again and everything is synced.',
      },
      {
        statement: 'My emails stopped syncing on my phone.',
        summary: 'your phone no longer receives your emails',
        question: 'Is that an iPhone or an Android phone?',
        answer: 'An Android, a Pixel from last year.',
        steps: [
          'Please remove the email account from the phone settings.',
          'I have sent a new setup link to your email address.',
          'Please add the account again using that link.',
        ],
        resolution: 'The emails are syncing on your phone again.',
      },
      {
        statement: 'The TV box says no signal on every channel.',
        summary: 'the TV box shows no signal on every channel',
        question: 'Is the box connected with the grey cable or over the wifi?',
        answer: 'With the grey cable, straight into the router.',
        steps: [
          'I am sending a refresh signal to the box now.',
          'Please unplug the grey cable and plug it back in.',
          'The box is getting a signal on my screen.',
        ],
        resolution: 'The box has its signal back on every channel.',
      },
    ],
    fillers: FILLERS,
    jargonSteps: [
      'I will push a new provisioning profile and escalate to tier 2.',
      'The DSLAM port shows CRC errors so it goes to tier 2 under the SLA.',
      'Your ONT lost sync, I am re-running provisioning on the OLT.',
      'I will open an incident in the escalation matrix with a P3 priority.',
      'The OAuth token expired so the backend rejects the IMAP handshake.',
    ],
    specialistCan: ['check the line from the exchange', 'send an engineer to your home'],
    transferTargets: ['tier-2', 'field-engineers', 'billing'],
  },
  orders: {
    agentFirstGreeting: 'Orders and delivery, you are through to {agent}.',
    problems: [
      {
        statement: 'My package was due on Monday and it still has not arrived.',
        summary: 'the parcel due on Monday has not arrived yet',
        question: 'Could you give me the order number?',
        answer: 'Sure, it is 88-41207.',
        steps: [
          'I can see the parcel at the local depot this morning.',
          'The courier has it on the van for tomorrow.',
          'I have added a note asking them to call you before they arrive.',
        ],
        resolution: 'The parcel is out for delivery tomorrow morning.',
      },
      {
        statement: 'I received the wrong size of the running shoes.',
        summary: 'the running shoes came in the wrong size',
        question: 'Which size did you order and which one came?',
        answer: 'I ordered a 42 and got a 45.',
        steps: [
          'I have booked the right size to go out today.',
          'I am emailing you a free return label for the wrong pair.',
          'Please drop the parcel at any post office within thirty days.',
        ],
        resolution: 'The right size is on its way and the return label is in your inbox.',
      },
      {
        statement: 'The tracking number you sent me does not work.',
        summary: 'the tracking number in your email does not work',
        question: 'Which email address did you order with?',
        answer: 'The same one as on the account.',
        steps: [
          'The first tracking number was for the old courier.',
          'The new tracking link is on its way to your inbox.',
          'It shows the parcel arriving on Thursday.',
        ],
        resolution: 'The working tracking link is in your inbox.',
      },
      {
        statement: 'Half of my order is missing from the box.',
        summary: 'only part of your order was in the box',
        question: 'Which items were missing?',
        answer: 'The two cushion covers and the lamp.',
        steps: [
          'The rest of the order was packed in a second box.',
          'That second box is due with you tomorrow.',
          'If it does not arrive I will refund the missing items straight away.',
        ],
        resolution: 'The second box is on its way and I will keep an eye on it.',
      },
      {
        statement: 'The blender arrived broken.',
        summary: 'the blender was damaged when it arrived',
        question: 'Is the box damaged as well, or only the blender?',
        answer: 'The box was fine, the jug is cracked.',
        steps: [
          'Please keep the broken one, there is no need to send it back.',
          'I have booked a replacement to go out today.',
          'You will get a delivery email with the tracking link.',
        ],
        resolution: 'The replacement blender is booked and on its way.',
      },
    ],
    fillers: FILLERS,
    jargonSteps: [
      'I have raised an RMA and the carrier SLA is 48 hours.',
      'The consignment is stuck at the hub pending a manifest reconciliation.',
      'The WMS shows a short pick so tier 2 has to reship it.',
      'I will log a carrier claim in the escalation matrix.',
      'It needs an RMA before the 3PL can process the return.',
    ],
    specialistCan: ['trace the parcel with the courier', 'arrange the collection'],
    transferTargets: ['warehouse', 'billing', 'tech-support'],
  },
  retention: {
    agentFirstGreeting: 'Customer accounts, {agent} speaking.',
    problems: [
      {
        statement: 'I want to cancel my subscription.',
        summary: 'you would like to cancel the subscription',
        question: 'May I ask what made you decide to cancel?',
        answer: 'It is just too expensive for what I use.',
        steps: [
          'I can offer you half price for the next three months.',
          'After that it moves to a cheaper plan without the TV package.',
          'You can still cancel at any time with thirty days notice.',
        ],
        resolution: 'The discounted plan is active from today.',
      },
      {
        statement: 'Another provider offers the same plan for less money.',
        summary: 'another provider has offered you the same plan for less',
        question: 'What price did they offer you?',
        answer: 'Thirty dollars a month for the first year.',
        steps: [
          'I can match that price for the first year.',
          'You keep the faster speed you have now.',
          'The new price starts from your next bill.',
        ],
        resolution: 'The price match is set up and starts on your next bill.',
      },
      {
        statement: 'I am thinking about closing my account.',
        summary: 'you are considering closing the account',
        question: 'Is there something in particular that has gone wrong?',
        answer: 'The service has been patchy for months.',
        steps: [
          'I can see three service visits in the last two months.',
          'I have asked an engineer to check the line properly this week.',
          'I have added a month free to make up for the trouble.',
        ],
        resolution: 'The engineer visit is booked and the free month is on the account.',
      },
      {
        statement: 'The price increase is too much for me.',
        summary: 'the recent price increase is more than you can pay',
        question: 'Which services on the account do you use the most?',
        answer: 'Mostly the internet, I hardly watch the TV.',
        steps: [
          'A plan with only the internet would save you fifteen dollars.',
          'You keep the same speed and the same router.',
          'The change takes effect from your next bill.',
        ],
        resolution: 'The new plan is active and the saving starts on your next bill.',
      },
      {
        statement: 'I am moving abroad and want to end my contract.',
        summary: 'you are moving abroad and want to end the contract',
        question: 'When is your moving date?',
        answer: 'At the end of next month.',
        steps: [
          'The early exit fee does not apply to a move abroad.',
          'I have noted your moving date on the account.',
          'Please send the router back in the prepaid bag we post to you.',
        ],
        resolution: 'The cancellation is booked for your moving date with no exit fee.',
      },
    ],
    fillers: FILLERS,
    jargonSteps: [
      'I can apply a tier 2 retention offer through the CRM provisioning tool.',
      'The ETF is waived under the relocation clause of the MSA.',
      'The churn model flags you for a save desk offer under the SLA.',
      'I will submit a downgrade in provisioning and the MRR change hits next cycle.',
    ],
    specialistCan: ['look at a custom offer for you', 'handle the contract change'],
    transferTargets: ['billing', 'orders'],
  },
};

export const CUSTOMER_GREETINGS = ['Hi', 'Hello', 'Hi there', 'Good morning', 'Hey'];

export const FRUSTRATIONS = [
  'This is really frustrating.',
  'I am quite upset about it.',
  'Honestly I am annoyed, this is the second time.',
  'It is a real nuisance.',
  'I am fed up with this.',
];

export const AGENT_GREETINGS = [
  'Hello, this is {agent}.',
  'Hi, you are speaking with {agent}.',
  'Hello, {agent} here.',
];

export const AGENT_THANKS_GREETINGS = [
  'Thanks for reaching out, this is {agent}.',
  'Thank you for contacting us, my name is {agent}.',
];

/** Empathy stems; a name and the full stop are added by the generator. */
export const EMPATHY = [
  "I'm sorry to hear that",
  'I understand how frustrating that is',
  'I can imagine how annoying that must be',
  'That must be frustrating',
  'I completely understand',
  "I'm really sorry about this",
];

export const OPENING_STATEMENTS = [
  'Let me pull up your account.',
  'Let me have a look at that for you.',
  'I will look into it now.',
  'Let me check what happened here.',
];

export const PARAPHRASE_STEMS = [
  'Just to confirm,',
  'If I understand correctly,',
  "So what you're saying is",
];

export const NEGATIVE = [
  "Unfortunately, that's our policy.",
  "I can't change that from here.",
  "There's nothing I can do about that part.",
  'We cannot do that over the phone.',
  "I won't be able to waive that.",
  'Unfortunately, the rules do not allow it.',
];

export const ARGUMENTS = [
  'As I already said, that is how it works.',
  'Calm down, please, I am explaining it.',
  "That's not true, you accepted the terms.",
  "You're wrong about that.",
  'Like I told you before, there is nothing more to it.',
];

export const THANKS = [
  'Thank you for your patience.',
  'Thanks for bearing with me.',
  'I appreciate you waiting.',
  'Thank you for calling about this.',
];

export const FEEDBACK_REQUESTS = [
  'How did I do today?',
  'Do you have any feedback for me?',
  'Please rate your experience in the short survey we send.',
];

export const SCRIPTED_FAREWELL = 'Thank you for contacting us and have a wonderful day.';
export const FAREWELLS = [
  'Have a good day.',
  'Take care.',
  'Enjoy the rest of your day.',
  'Goodbye for now.',
];

export const BACKCHANNELS = ['mm-hmm', 'uh-huh', 'okay', 'right', 'I see', 'got it', 'yeah'];

/** Absolute promises; the generator may add the customer's name. */
export const OVERPROMISES = [
  'I guarantee this will not happen again.',
  'This is 100% fixed now.',
  'I promise you it is sorted for good.',
];

/** `{due}` is "tomorrow", "within two days" or "within three days". */
export const PROMISES = [
  'I will call you back {due} with an update.',
  'You will get an email from me {due} confirming it.',
];

export const OVERPROMISE_PROMISES = [
  'I guarantee it will be done {due}.',
  'It will definitely be sorted {due}, 100%.',
  'I promise you will hear from me {due}.',
];

export const PENDING = [
  'I have passed this to the team and they will look into it.',
  'I have logged the details and the case stays open for now.',
];

export const LONG_TAILS = [
  ', and once that is done I will add a note to the account so that anyone you speak to afterwards can see exactly what happened and what we agreed today',
  ', and while that runs in the background I will also check the previous months to make sure nothing similar happened before and that all the other details on the account are right',
  ', which normally takes a little while depending on how busy things are at the moment, but you should not notice anything on your side while it happens',
  ', and just so you know what to expect, there may be a short delay before everything shows on your side, because the different parts of our setup update one after the other and not all at once',
  ', and I will stay on top of it myself over the next few days, checking in on the progress every morning and making a note each time, so that nothing slips through the cracks again like it did before',
];

export const TRANSFER_EXPLAINED = [
  'Let me transfer you to a specialist who can {can}.',
  'I am going to connect you with the {to} team because they can {can}.',
];

export const TRANSFER_UNEXPLAINED = ['Please hold.', 'One moment.', 'Hold on, putting you through now.'];

export const CUSTOMER_NEUTRAL = [
  'Okay.',
  'Alright.',
  'Okay, go ahead.',
  'Sure, I will wait.',
  'Right, okay.',
  'Fine.',
];
/** A customer's question and the agent's answer to it. */
export const CUSTOMER_QUESTIONS: readonly (readonly [string, string])[] = [
  ['How long will that take?', 'It should only take a few minutes.'],
  ['Will I get an email about it?', 'Yes, an email confirming it goes out today.'],
  ['And what happens next?', 'Next I make the change and confirm it by email.'],
];
export const PLAIN_REPHRASE = 'Put simply, a specialist colleague will sort it out on our side.';
export const HOLD_START = 'Let me look into that, one moment please.';
export const HOLD_END = 'I am back with you.';
export const ANYTHING_ELSE = 'Let me know if there is anything else I can help with.';
export const CUSTOMER_CONFIRMS = ['Yes, exactly.', "Yes, that's right.", 'Yes.'];
export const CUSTOMER_CONFUSED = [
  'Sorry, what does that mean?',
  'I have no idea what that is.',
  'Can you say that in plain English?',
];
export const CUSTOMER_DISPLEASED = [
  "That's not acceptable.",
  'Seriously? That is really annoying.',
  'I am not happy about that at all.',
];
export const CUSTOMER_PUSHBACK = [
  'But that is not what I was told last time!',
  'That makes no sense, I have explained this already.',
  'Why is this so difficult?',
];
export const CUSTOMER_PLEASED = ['Oh, that is great.', 'Perfect.', 'Good, that helps.'];
export const CUSTOMER_ENDINGS = {
  positive: [
    'Thank you so much, you have been really helpful!',
    'That is great, thanks a lot. Have a nice day.',
    'Brilliant, I really appreciate it. Bye!',
  ],
  neutral: ['Okay, thanks. Bye.', 'Alright, that works. Goodbye.', 'Fine, I will wait then. Bye.'],
  negative: [
    'This is ridiculous. I am really not happy with this.',
    'Fine. This was a waste of my time.',
    'Not helpful at all. Goodbye.',
  ],
};
export const CHAT_NUDGES = ['Hello?', 'Are you still there?', 'hello??'];

export const SURVEY_COMMENTS: Record<1 | 2 | 3 | 4 | 5, string[]> = {
  5: [
    'Quick and friendly.',
    'Very helpful, thank you!',
    'Great service, problem solved.',
    'Excellent, the agent really listened.',
  ],
  4: ['Good experience overall.', 'Helpful, but it took a while.', 'Sorted in the end, thanks.'],
  3: ['It was okay.', 'Fine, but I had to explain twice.', 'Average. Not great, not terrible.'],
  2: ['Not very helpful.', 'The agent did not really listen.', 'Took far too long.'],
  1: [
    'Not helpful at all.',
    'Terrible, nobody solved my problem.',
    'Rude and unhelpful, I will not call again.',
  ],
};
export const SURVEY_BEHAVIOUR_COMMENTS = {
  interrupted: 'The agent kept interrupting me.',
  jargon: 'Too much technical jargon, I did not understand half of it.',
  slow: 'I waited ages for every answer.',
  argued: 'The agent argued with me instead of helping.',
  empathy: 'The agent really understood how I felt.',
};

export const SYSTEM_TURNS = {
  voice: ['Call connected from the IVR. This call may be recorded for quality and training purposes.'],
  voiceTransfer: 'Call transferred.',
  holdStart: 'Call on hold.',
  holdEnd: 'Call resumed.',
  chatStart: ['Visitor joined from the help centre.', 'Chat handed over from the virtual assistant.'],
  chatEnd: 'Chat closed.',
  emailAutoReply: 'Auto-reply: we have received your email and will respond within one business day.',
};

// biome-ignore format: a list of names reads better packed
export const CUSTOMER_FIRST_NAMES = [
  'Will', 'May', 'Grace', 'Mark', 'Bill', 'Joy', 'Hope', 'June', 'Rose', 'Faith', 'Summer', 'Sandy', 'Pat',
  'Sam', 'Alex', 'Jordan', 'Maria', 'John', 'Linda', 'Ahmed', 'Olga', 'Wei', 'Carlos', 'Emma', 'Noah', 'Olivia',
  'Ethan', 'Ava', 'Mia', 'James', 'Sophie', 'Aaliyah', 'Kofi', 'Ines', 'Henrik', 'Anya', 'Lucy', 'Ben', 'Dmitri',
  'Aiko', 'Fernando', 'Chidi', 'Margaret', 'Robert', 'Sunita', 'Hamid', 'Eleanor', 'Victor', 'Keisha', 'Tom',
];

// biome-ignore format: a list of names reads better packed
export const CUSTOMER_LAST_NAMES = [
  'Lee', 'Smith', 'Brown', 'Jones', 'Taylor', 'Wilson', 'Martin', 'Clarke', 'Singh', 'Khan', 'Wang', 'Müller',
  'Ivanova', 'Santos', 'Hernández', 'Okoro', 'Dupont', 'Larsen', 'Byrne', 'Yamamoto', 'Cruz', 'Evans', 'Reid',
  'Baker', 'Ward', 'Hall', 'Young', 'King', 'Wright', 'Green',
];

/** What customers add in passing: it makes them talk about as much as the agent does. */
export const CUSTOMER_CONTEXT = [
  'I called about this last week and nothing happened.',
  'I have been a customer for more than ten years and this never happened before.',
  'I need this sorted today because I am travelling on Friday.',
  'My partner tried to fix it on the website but the page kept timing out.',
  'I was waiting on the line for twenty minutes before you picked up.',
  'I work from home, so this really matters to me.',
];
export const CUSTOMER_ELABORATIONS = [
  'It has been going on for a couple of weeks now.',
  'The last person I spoke to told me the same thing.',
  'I just want it to work properly, that is all I am asking.',
  'I have the email in front of me if you need anything from it.',
  'My neighbour has the same problem, by the way.',
];

/** The Spanish queues: a short, plain exchange; the English lexicons find nothing in it, by design. */
export const SPANISH = {
  greetings: ['Hola.', 'Buenos días.', 'Buenas tardes.'],
  problems: {
    billing: [
      'Me han cobrado dos veces la factura de octubre.',
      'Hay un recargo por pago tardío y pagué a tiempo.',
    ],
    'tech-support': ['Internet se corta todas las noches.', 'El router tiene una luz roja y nada funciona.'],
    orders: [
      'Mi pedido debía llegar el lunes y todavía no ha llegado.',
      'Recibí la talla equivocada de las zapatillas.',
    ],
    retention: ['Quiero cancelar mi suscripción.', 'La subida de precio es demasiado para mí.'],
  } satisfies Record<DemoTeamId, string[]>,
  agentGreeting: 'Hola, le atiende {agent}.',
  empathy: 'Lo siento mucho, entiendo su frustración.',
  question: '¿Me puede dar su número de cliente?',
  answer: 'Sí, es el 55-20418.',
  working: [
    'Un momento, lo estoy revisando.',
    'Ya veo el problema en su cuenta.',
    'Estoy haciendo el cambio ahora.',
  ],
  customerNeutral: ['De acuerdo.', 'Vale, espero.', 'Muy bien.'],
  resolution: 'Ya está solucionado, le llegará un correo de confirmación.',
  thanks: 'Gracias por su paciencia.',
  farewell: 'Que tenga un buen día.',
  endings: {
    positive: 'Muchas gracias, muy amable.',
    neutral: 'Vale, adiós.',
    negative: 'No me ha ayudado nada. Adiós.',
  },
  comments: { good: 'Muy amable y rápido.', bad: 'No me ayudaron nada.' },
};
