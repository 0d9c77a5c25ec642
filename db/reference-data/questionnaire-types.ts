import type { QuestionDefinition, QuestionnaireDefinition, QuestionnairePage } from '../../domain/questionnaires.ts';

/**
 * The built-in health questionnaires. They are loaded into questionnaire_types (data, not code)
 * by syncReferenceData, and organisations enable them (organisation_questionnaire_types), as they
 * do referral forms.
 */
const YES_NO = ['Yes', 'No'] as const;

/** A yes/no question with its "If yes, give details" branch. */
function yesWithDetails(name: string, label: string, errorMessage: string, detailsError: string): QuestionDefinition[] {
  return [
    { name, label, type: 'yesno', options: YES_NO, required: true, errorMessage },
    {
      name: `${name}Details`,
      label: 'Give details',
      type: 'textarea',
      required: true,
      errorMessage: detailsError,
      maxLength: 2000,
      askedWhen: { field: name, equals: 'Yes' },
    },
  ];
}

const aboutYouPage: QuestionnairePage = {
  key: 'about-you',
  title: 'About you',
  questions: [
    {
      name: 'dateOfBirth',
      label: 'Date of birth',
      type: 'date',
      required: true,
      errorMessage: 'Enter your date of birth',
    },
    {
      name: 'telephone',
      label: 'Telephone number',
      type: 'tel',
      required: true,
      errorMessage: 'Enter a telephone number the clinician can call you on',
      maxLength: 30,
    },
    { name: 'gpPractice', label: 'Name of your GP practice', type: 'text', maxLength: 200 },
  ],
};

const generalHealthPage: QuestionnairePage = {
  key: 'general-health',
  title: 'Your general health',
  questions: [
    ...yesWithDetails(
      'ongoingCondition',
      'Do you have any ongoing health condition or disability?',
      'Select yes if you have an ongoing health condition or disability',
      'Give details of your health condition or disability',
    ),
    ...yesWithDetails(
      'takesMedication',
      'Do you take any regular medication?',
      'Select yes if you take any regular medication',
      'Give details of the medication you take',
    ),
    ...yesWithDetails(
      'recentAbsence',
      'Have you had more than 10 days off work because of ill health in the last 2 years?',
      'Select yes if you have had more than 10 days off work because of ill health in the last 2 years',
      'Give details of your time off work',
    ),
  ],
};

const adjustmentsPage: QuestionnairePage = {
  key: 'adjustments',
  title: 'Support at work',
  questions: yesWithDetails(
    'needsAdjustments',
    'Do you think you need any adjustments or support to do this job?',
    'Select yes if you think you need adjustments or support to do this job',
    'Give details of the adjustments or support you need',
  ),
};

const HEALTH_ASSESSMENT: QuestionnaireDefinition = {
  key: 'health-assessment',
  name: 'Health Assessment (pre-placement)',
  summary:
    'Questions about your health, so the occupational health team can advise on any support you need in your new role.',
  pages: [aboutYouPage, generalHealthPage, adjustmentsPage],
};

const NIGHT_WORKER: QuestionnaireDefinition = {
  key: 'night-worker',
  name: 'Night Worker',
  summary:
    'Night workers are offered a free health assessment. These questions help decide whether night work suits you.',
  pages: [
    aboutYouPage,
    {
      key: 'sleep',
      title: 'Sleep',
      questions: [
        ...yesWithDetails(
          'sleepProblems',
          'Do you have difficulty sleeping during the day?',
          'Select yes if you have difficulty sleeping during the day',
          'Give details of your difficulty sleeping',
        ),
        ...yesWithDetails(
          'sleepCondition',
          'Have you been diagnosed with a sleep disorder?',
          'Select yes if you have been diagnosed with a sleep disorder',
          'Give details of the sleep disorder',
        ),
      ],
    },
    {
      key: 'conditions',
      title: 'Health conditions affected by night work',
      questions: [
        ...yesWithDetails(
          'diabetes',
          'Do you have diabetes?',
          'Select yes if you have diabetes',
          'Give details of how your diabetes is managed',
        ),
        ...yesWithDetails(
          'digestive',
          'Do you have a stomach or digestive condition?',
          'Select yes if you have a stomach or digestive condition',
          'Give details of the stomach or digestive condition',
        ),
        ...yesWithDetails(
          'mentalHealth',
          'Do you have a mental health condition?',
          'Select yes if you have a mental health condition',
          'Give details of the mental health condition',
        ),
      ],
    },
    adjustmentsPage,
  ],
};

const DISPLAY_SCREEN_EQUIPMENT: QuestionnaireDefinition = {
  key: 'display-screen-equipment',
  name: 'Display Screen Equipment',
  summary: 'Questions about how you use a computer screen at work, so any problems can be put right.',
  pages: [
    {
      key: 'use',
      title: 'How you use a screen',
      questions: [
        {
          name: 'hoursPerDay',
          label: 'How many hours a day do you use a screen at work?',
          type: 'select',
          options: ['Less than 1 hour', '1 to 4 hours', 'More than 4 hours'],
          required: true,
          errorMessage: 'Select how many hours a day you use a screen at work',
        },
        ...yesWithDetails(
          'homeWorking',
          'Do you use a screen when working from home?',
          'Select yes if you use a screen when working from home',
          'Give details of your set-up at home',
        ),
      ],
    },
    {
      key: 'symptoms',
      title: 'Symptoms',
      questions: [
        ...yesWithDetails(
          'eyeStrain',
          'Do you get eye strain, headaches or blurred vision when using a screen?',
          'Select yes if you get eye strain, headaches or blurred vision when using a screen',
          'Give details of the eye strain, headaches or blurred vision',
        ),
        ...yesWithDetails(
          'musculoskeletal',
          'Do you get pain in your neck, back, shoulders, arms or hands when using a screen?',
          'Select yes if you get pain when using a screen',
          'Give details of the pain',
        ),
      ],
    },
    adjustmentsPage,
  ],
};

const DRIVING: QuestionnaireDefinition = {
  key: 'driving',
  name: 'Driving',
  summary: 'Questions for people who drive as part of their work, following DVLA guidance on fitness to drive.',
  pages: [
    aboutYouPage,
    {
      key: 'licence',
      title: 'Your licence',
      questions: [
        {
          name: 'licenceType',
          label: 'Which licence do you hold?',
          type: 'select',
          options: ['Car (group 1)', 'Lorry or bus (group 2)'],
          required: true,
          errorMessage: 'Select which licence you hold',
        },
        ...yesWithDetails(
          'dvlaNotified',
          'Have you told the DVLA about any medical condition?',
          'Select yes if you have told the DVLA about a medical condition',
          'Give details of the condition you told the DVLA about',
        ),
      ],
    },
    {
      key: 'fitness-to-drive',
      title: 'Fitness to drive',
      questions: [
        ...yesWithDetails(
          'blackouts',
          'Have you had a blackout, seizure or fit in the last 5 years?',
          'Select yes if you have had a blackout, seizure or fit in the last 5 years',
          'Give details of the blackout, seizure or fit',
        ),
        ...yesWithDetails(
          'eyesight',
          'Do you have any problem with your eyesight, other than needing glasses or contact lenses?',
          'Select yes if you have a problem with your eyesight',
          'Give details of the problem with your eyesight',
        ),
        ...yesWithDetails(
          'daytimeSleepiness',
          'Do you often feel sleepy when driving?',
          'Select yes if you often feel sleepy when driving',
          'Give details of the sleepiness',
        ),
      ],
    },
  ],
};

export const BUILT_IN_QUESTIONNAIRES: readonly QuestionnaireDefinition[] = [
  HEALTH_ASSESSMENT,
  NIGHT_WORKER,
  DISPLAY_SCREEN_EQUIPMENT,
  DRIVING,
];
