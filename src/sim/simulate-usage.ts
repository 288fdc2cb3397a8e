/** `npm run simulate -- --help`, and what a usage error prints after its message. */
export const USAGE = `usage: npm run simulate -- <command> [options]

commands
  caller [QUEUE]         a new caller rings in (POST /voice/incoming[?queue=QUEUE])
                         --from +15550100001  --to +15550100000
  wait                   one hold-loop turn (POST /voice/wait)
                         --queue NAME  --position N  --queue-time SECONDS  --announced SECONDS
  taken                  a rep took the caller (POST /voice/dequeued, the <Queue url>)
                         --queue NAME  --queue-time SECONDS
  result RESULT          the caller left the queue (POST /voice/queue-result), RESULT = bridged
                         (sent when the call ends), hangup, leave, queue-full, ...
                         --queue NAME  --queue-time SECONDS  --from +15550100001
  sms-reply TEXT...      the caller texts back to the survey (POST /sms/incoming): a score 1-5,
                         words, or STOP / START / HELP   --from +15550100001  --to +15550100000
  rep                    a rep's loop (GET|POST /rep-call-complete); first call-in without options
                         --after DEQUEUE_RESULT --queue TRIED_QUEUE  --get

outbound (a campaign's call; every one needs --campaign ID --attempt ID, the ids the dialer put
on the call's URLs; From is our number +15550100000, To the callee +14155550100)
  callee-answer          the callee picked up: the call fetches its Url (POST /outbound/answer)
                         --answered-by human|machine_start|machine_end_beep|fax|unknown (with
                         synchronous AMD, and --detection-ms MS)
  callee-wait            the callee's <Enqueue waitUrl> turn (POST /outbound/wait)
                         --position N  --queue-time SECONDS
  callee-result RESULT   the callee's <Enqueue action> (POST /outbound/queue-result), RESULT =
                         leave (no rep in time), bridged, hangup, ...   --queue-time SECONDS
  call-status STATUS     the status callback (POST /outbound/status), STATUS = initiated, ringing,
                         in-progress, completed, busy, no-answer, failed, canceled
                         --sequence N  --duration SECONDS (ended calls)  --answered-by RESULT
  amd RESULT             the async AMD callback (POST /outbound/amd), RESULT = human,
                         machine_start, machine_end_beep, fax, unknown   --detection-ms MS
  opt-out                a key pressed during the message (POST /outbound/opt-out, the <Gather
                         action>)   --digits KEY (default 9)   --to THE_CALLEE
  event-stream STATUS    Event Streams delivers the call status event (POST /eventstreams, JSON):
                         Basic credentials from EVENT_STREAMS_BASIC_AUTH, else the signature
                         over a URL with bodySHA256   --sequence N  --duration SECONDS
  studio-status [STATUS] a Studio Flow's HTTP Request widget (POST /callstatus, JSON, bearer
                         API_TOKEN); STATUS defaults to failed   --contact ID (for --attempt)
                         --reason TEXT  --answered-by RESULT

common options
  --url BASE_URL         where to send it (default PUBLIC_BASE_URL, else http://localhost:PORT)
  --call-sid CA...       --queue-sid QU...   --dry-run (print the curl line, send nothing)`;
