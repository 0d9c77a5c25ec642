import type { FieldDefinition, FormDefinition, StepDefinition } from '../../domain/forms.ts';

/**
 * The built-in referral forms. They are loaded into form_types (data, not code)
 * by syncReferenceData; organisations enable them, and may have their own variant
 * under another key.
 */
const YES_NO = ['Yes', 'No'] as const;

const referrerStep: StepDefinition = {
  key: 'referrer',
  title: "01 Referrer's Details",
  fields: [
    { name: 'referrerTitle', label: 'Title', type: 'text', prefill: 'title', maxLength: 20 },
    {
      name: 'referrerName',
      label: 'Name',
      type: 'text',
      required: true,
      errorMessage: 'Enter your name',
      prefill: 'fullName',
      maxLength: 200,
    },
    {
      name: 'referrerOrganisation',
      label: 'Organisation',
      type: 'text',
      required: true,
      errorMessage: 'Enter the name of your organisation',
      prefill: 'organisation',
      maxLength: 200,
    },
    {
      name: 'replyAddress',
      label: 'Reply address',
      type: 'textarea',
      required: true,
      errorMessage: 'Enter the address the provider should reply to',
      prefill: 'address',
      maxLength: 500,
    },
    {
      name: 'replyPostcode',
      label: 'Postcode',
      type: 'text',
      required: true,
      errorMessage: 'Enter the postcode of the reply address',
      prefill: 'postcode',
      maxLength: 10,
    },
    {
      name: 'referrerTelephone',
      label: 'Telephone',
      type: 'tel',
      required: true,
      errorMessage: 'Enter a telephone number the provider can call you on',
      prefill: 'telephone',
      maxLength: 30,
    },
    {
      name: 'employerLocationCode',
      label: 'Employer location code',
      type: 'text',
      prefill: 'location',
      maxLength: 100,
    },
    {
      name: 'communicationEmail',
      label: 'Email for communication',
      type: 'email',
      required: true,
      errorMessage: 'Enter the email address the provider should write to',
      prefill: 'email',
      maxLength: 254,
    },
    { name: 'purchaseOrderNumber', label: 'Purchase order number', type: 'text', maxLength: 50 },
  ],
};

function personStep(title: string, who: 'employee' | 'member'): StepDefinition {
  const Who = who === 'employee' ? 'Employee' : 'Member';
  const fields: FieldDefinition[] = [
    { name: 'employeeTitle', label: `${Who}'s title`, type: 'text', maxLength: 20 },
    {
      name: 'employeeFirstName',
      label: `${Who}'s first name`,
      type: 'text',
      required: true,
      errorMessage: `Enter the ${who}'s first name`,
      maxLength: 100,
    },
    {
      name: 'employeeSurname',
      label: `${Who}'s surname`,
      type: 'text',
      required: true,
      errorMessage: `Enter the ${who}'s surname`,
      maxLength: 100,
    },
    {
      name: 'employeeDateOfBirth',
      label: 'Date of birth',
      type: 'date',
      required: true,
      errorMessage: `Enter the ${who}'s date of birth`,
    },
    {
      name: 'employeeJobTitle',
      label: 'Position',
      type: 'text',
      required: true,
      errorMessage: `Enter the ${who}'s position (job title)`,
      maxLength: 200,
    },
    {
      name: 'employeeAddress',
      label: 'Home address',
      type: 'textarea',
      required: true,
      errorMessage: `Enter the ${who}'s home address`,
      maxLength: 500,
    },
    {
      name: 'employeePostcode',
      label: 'Home postcode',
      type: 'text',
      required: true,
      errorMessage: `Enter the postcode of the ${who}'s home address`,
      maxLength: 10,
    },
    { name: 'employeeTelephone', label: 'Telephone', type: 'tel', maxLength: 30 },
    {
      name: 'employeeEmail',
      label: 'Email address',
      type: 'email',
      hint: 'Used to ask for consent and to share the advice letter',
      maxLength: 254,
    },
  ];
  return { key: 'employee', title, fields };
}

const declarationStep: StepDefinition = {
  key: 'declaration',
  title: '06 Declaration',
  fields: [
    {
      name: 'declarationDiscussed',
      label: 'Have you discussed this referral and its content with the employee?',
      type: 'yesno',
      required: true,
      errorMessage: 'Select yes if you have discussed this referral and its content with the employee',
      options: YES_NO,
    },
    {
      name: 'declarationAccurate',
      label: 'I confirm the information in this referral is accurate to the best of my knowledge',
      type: 'confirm',
      required: true,
      errorMessage: 'Confirm that the information in this referral is accurate to the best of your knowledge',
    },
  ],
};

export const MANAGEMENT_REFERRAL: FormDefinition = {
  key: 'management-referral',
  name: 'Management Referral',
  steps: [
    referrerStep,
    personStep('02 Employee Details', 'employee'),
    {
      key: 'reason',
      title: '03 Reason for referral',
      fields: [
        {
          name: 'reasonForReferral',
          label: 'Reason for referral',
          type: 'textarea',
          required: true,
          errorMessage: 'Enter the reason for the referral',
          hint: 'Describe the concern and any background the clinician should know',
        },
        {
          name: 'currentlyAbsent',
          label: 'Is the employee currently absent from work?',
          type: 'yesno',
          required: true,
          errorMessage: 'Select yes if the employee is currently absent from work',
          options: YES_NO,
        },
        { name: 'absenceHistory', label: 'Sickness absence in the last 12 months', type: 'textarea' },
      ],
    },
    {
      key: 'questions',
      title: '04 Information required by the provider',
      fields: [
        {
          name: 'questionsForProvider',
          label: 'Questions you would like answered',
          type: 'textarea',
          required: true,
          errorMessage: 'Enter the questions you would like the provider to answer',
        },
        {
          name: 'employeeSeesReportFirst',
          label: 'Does the employee wish to see the advice letter before it is released to you?',
          type: 'yesno',
          required: true,
          errorMessage: 'Select yes if the employee wishes to see the advice letter before it is released to you',
          options: YES_NO,
        },
      ],
    },
    { key: 'documents', title: '05 Supporting documents', fields: [] },
    declarationStep,
  ],
};

export const IHR1: FormDefinition = {
  key: 'ihr1',
  name: 'Ill Health Retirement (IHR1)',
  steps: [
    referrerStep,
    personStep('02 Member Details', 'member'),
    {
      key: 'reason',
      title: '03 Reason for referral',
      fields: [
        {
          name: 'reasonForReferral',
          label: 'Reason for the ill health retirement application',
          type: 'textarea',
          required: true,
          errorMessage: 'Enter the reason for the ill health retirement application',
        },
        {
          name: 'pensionScheme',
          label: 'Pension scheme',
          type: 'text',
          required: true,
          errorMessage: 'Enter the name of the pension scheme',
          maxLength: 200,
        },
        { name: 'dateLastWorked', label: 'Date last worked', type: 'date' },
      ],
    },
    {
      key: 'questions',
      title: '04 Information required by the provider',
      fields: [
        {
          name: 'questionsForProvider',
          label: 'Questions for the scheme medical adviser',
          type: 'textarea',
          required: true,
          errorMessage: 'Enter the questions for the scheme medical adviser',
        },
        {
          name: 'employeeSeesReportFirst',
          label: 'Does the member wish to see the advice letter before it is released to you?',
          type: 'yesno',
          required: true,
          errorMessage: 'Select yes if the member wishes to see the advice letter before it is released to you',
          options: YES_NO,
        },
      ],
    },
    {
      key: 'documents',
      title: '05 Supporting documents',
      fields: [],
      documentSlots: [
        { key: 'application', label: 'Application form' },
        { key: 'management-reports', label: 'Reports to management' },
        { key: 'clinical-records', label: 'Clinical records' },
        { key: 'specialist-reports', label: 'Specialist reports' },
        { key: 'member-reports', label: "Member's own medical reports" },
      ],
    },
    declarationStep,
  ],
};

export const BUILT_IN_FORMS: readonly FormDefinition[] = [MANAGEMENT_REFERRAL, IHR1];
