import { html, type SafeHtml } from './html.ts';

// Zoom's sign-in and consent pages: white card on a light grey page, Zoom blue buttons.
const styles = `
*{box-sizing:border-box}
body{margin:0;background:#f7f9fa;color:#232333;font:15px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}
header{background:#fff;border-bottom:1px solid #ededf4;padding:14px 32px}
.logo{color:#0b5cff;font-weight:800;font-size:26px;letter-spacing:-1px;text-decoration:none}
main{max-width:480px;margin:48px auto;padding:0 16px}
.card{background:#fff;border:1px solid #ededf4;border-radius:12px;padding:32px;box-shadow:0 2px 8px rgba(0,0,0,.04)}
h1{font-size:22px;margin:0 0 16px}
h2{font-size:18px;margin:0 0 12px}
label{display:block;font-weight:600;margin:16px 0 6px}
input[type=email],input[type=password],input[type=text]{width:100%;padding:10px 12px;border:1px solid #babacc;border-radius:8px;font-size:15px}
input:focus{outline:2px solid #0b5cff;border-color:#0b5cff}
.actions{display:flex;gap:12px;margin-top:24px;flex-wrap:wrap}
button{cursor:pointer;font-size:15px;font-weight:600;border-radius:8px;padding:10px 22px;border:1px solid #0b5cff}
button.primary{background:#0b5cff;color:#fff}
button.primary:hover{background:#0a4fdc}
button.secondary{background:#fff;color:#0b5cff}
.wide{width:100%}
.error{background:#fdecec;color:#b3261e;border-radius:8px;padding:10px 12px;margin:12px 0}
.success{background:#e8f5ec;color:#1e7d3a;border-radius:8px;padding:10px 12px;margin:0 0 16px}
.notice{background:#fff8e5;color:#7a5b00;border-radius:8px;padding:10px 12px;margin:12px 0}
.badge{color:#1e7d3a;font-weight:600;margin-left:8px}
ul.permissions{padding-left:20px;margin:12px 0}
ul.permissions li{margin:6px 0}
.fine{color:#6e7680;font-size:13px}
.muted{color:#6e7680}
.code{color:#6e7680;font-size:13px;margin-top:16px}
`;

/** A whole zoom.us page around `body`. */
export function zoomPage(title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${{ safe: styles }}</style>
</head>
<body>
<header><span class="logo">zoom</span></header>
<main><div class="card">
${body}
</div></main>
</body>
</html>
`.safe;
}
