/**
 * Connectors are declared as data: a new service is a new declaration checked by `satisfies`, and
 * the flow code (state, PKCE, token families, refresh) stays the same for every OAuth connector.
 */
export type AuthTypeId = 'oauth_authorization_code' | 'byo_oauth_app';

export interface AuthTypeDeclaration {
  id: AuthTypeId;
  label: string;
  description: string;
  /** Fields the person fills in; secret fields are write-only and offer "Use credential asset". */
  fields: ReadonlyArray<{ name: 'clientId' | 'clientSecret' | 'webhookSecretToken'; label: string; secret: boolean }>;
}

export interface ConnectorDeclaration {
  id: string;
  name: string;
  description: string;
  /** What the service calls the permissions Confer asks for, in words a person recognises. */
  permissions: readonly string[];
  /** Scopes the OAuth app must grant (classic names; granular equivalents are accepted too). */
  scopes: readonly string[];
  authTypes: readonly AuthTypeDeclaration[];
  /** How the service's own docs describe registering an app, shown beside the callback URL. */
  registerAppHint: string;
  /** What the service's account admin does when the app needs their approval first. */
  adminApprovalSteps: readonly string[];
  /** The events an app of one's own subscribes its event endpoint to. */
  eventSubscriptions: readonly string[];
}

export const zoomConnector = {
  id: 'zoom',
  name: 'Zoom',
  description: 'Create Zoom meetings for bookings, and read their recordings.',
  permissions: [
    'View and manage current user’s meetings',
    'View current user’s information',
    'View and manage current user’s recordings',
  ],
  scopes: ['meeting:write', 'recording:read', 'user_info:read'],
  authTypes: [
    {
      id: 'oauth_authorization_code',
      label: 'OAuth 2.0 Authorization code',
      description: 'Sign in to Zoom with your email address and password; Confer’s own Zoom app is used.',
      fields: [],
    },
    {
      id: 'byo_oauth_app',
      label: 'Bring your own OAuth 2.0 app',
      description: 'Use a Zoom OAuth app your organisation created, with its client ID and client secret.',
      fields: [
        { name: 'clientId', label: 'Client ID', secret: false },
        { name: 'clientSecret', label: 'Client secret', secret: true },
        { name: 'webhookSecretToken', label: 'Webhook secret token', secret: true },
      ],
    },
  ],
  registerAppHint: 'In the Zoom App Marketplace, open your OAuth app → App Credentials, and add this URL as the Redirect URL for OAuth and to the OAuth allow list.',
  adminApprovalSteps: [
    'Sign in to https://marketplace.zoom.us as an account owner or admin.',
    'In the top-right corner of the Marketplace, select Manage.',
    'In the My Admin Dashboard section, select Permissions.',
    'Pre-approve Confer for everyone, or for the users who connect it (Allow specific users or user groups to install this app → Add users).',
    'Or, as the Zoom admin, connect once yourself: on Zoom’s page press Pre-approve, then Authorize.',
  ],
  // app_deauthorized is how Confer deletes a connection's data on uninstall; meeting.created is how
  // it finds a meeting whose creation answer was lost.
  eventSubscriptions: ['app_deauthorized', 'meeting.created', 'meeting.deleted', 'meeting.ended', 'recording.completed', 'recording.transcript_completed'],
} as const satisfies ConnectorDeclaration;

export const connectors: readonly ConnectorDeclaration[] = [zoomConnector];

export const findConnector = (id: string): ConnectorDeclaration | undefined => connectors.find((connector) => connector.id === id);

/** The one redirect URI every OAuth connection uses. */
export const oauthCallbackUrl = (publicUrl: string): string => `${publicUrl}/connections/oauth/callback`;

/** Where Zoom sends every app's events (each app signs them with its own secret token). */
export const zoomEventEndpointUrl = (publicUrl: string): string => `${publicUrl}/webhooks/zoom`;
