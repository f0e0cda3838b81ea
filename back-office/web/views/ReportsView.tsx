// Reports for a date range: charts (Chart.js) with the same numbers in tables beside
// them (readable without the chart, and for screen readers), and CSV downloads.
import { useEffect, useRef, useState } from 'react';
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { api, errorText, type BackOfficeState } from '../api';
import { lastDays } from './report-range';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

interface Percentiles {
  count: number;
  median: number | null;
  p90: number | null;
}
interface FullReport {
  sales: { orders: number; paidOrders: number; revenue: number; cancelled: number };
  byHour: { hour: number; orders: number; revenue: number }[];
  timeToOrder: Percentiles;
  funnel: { steps: { step: string; reached: number; abandoned: number }[]; completedByMethod: { card: number; counter: number } };
  handoffs: { total: number; offered: number; byReason: { reason: string; count: number; acknowledge: Percentiles; resolve: Percentiles }[]; byOutcome: { outcome: string; count: number }[] };
  payments: { byResult: { result: string; count: number }[]; handedToStaff: number };
  choices: { options: { groupId: string; id: string; count: number }[]; removals: { groupId: string; id: string; count: number }[] };
  paymentShare: { method: string; orders: number; revenue: number }[];
}

const seconds = (ms: number | null) => (ms === null ? '–' : `${Math.round(ms / 1000)} s`);

const BarChart = ({ label, labels, values }: { label: string; labels: string[]; values: number[] }) => {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: { labels, datasets: [{ label, data: values, backgroundColor: '#1f5fa8' }] },
      options: { animation: false, responsive: true, maintainAspectRatio: false, plugins: { legend: { display: false } } },
    });
    return () => chart.destroy();
  }, [label, labels, values]);
  return (
    <div className="bo-chart">
      <canvas ref={canvas} role="img" aria-label={`${label}: ${labels.map((name, index) => `${name} ${values[index]}`).join(', ')}`} />
    </div>
  );
};

export const ReportsView = ({ state }: { state: BackOfficeState }) => {
  const [firstRange] = useState(() => lastDays(new Date(), state.store.timezone));
  const [from, setFrom] = useState(firstRange.from);
  const [to, setTo] = useState(firstRange.to);
  const [report, setReport] = useState<FullReport | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    api<FullReport>('GET', `reports?from=${from}&to=${to}`).then(
      (found) => {
        setReport(found);
        setProblem(null);
      },
      (error: unknown) => setProblem(errorText(error)),
    );
  }, [from, to]);
  const money = (minor: number) => new Intl.NumberFormat(state.store.locale, { style: 'currency', currency: state.store.currency }).format(minor / 100);
  const csv = (name: string) => (
    <a href={`/back-office/api/reports/${name}.csv?from=${from}&to=${to}`} download>
      Download {name} as CSV
    </a>
  );
  return (
    <main className="bo-reports">
      <h2>Reports</h2>
      <form className="bo-range" aria-label="Date range" onSubmit={(event) => event.preventDefault()}>
        <label>
          From <input type="date" value={from} onChange={(event) => setFrom(event.target.value)} />
        </label>
        <label>
          To <input type="date" value={to} onChange={(event) => setTo(event.target.value)} />
        </label>
        <span>Dates and hours are the store's ({state.store.timezone}).</span>
      </form>
      {problem ? <p role="alert" className="bo-error">{problem}</p> : null}
      {report ? (
        <>
          <section aria-labelledby="sales-heading">
            <h3 id="sales-heading">Orders and revenue</h3>
            <p>
              {report.sales.orders} orders, {report.sales.paidOrders} paid, revenue {money(report.sales.revenue)}, {report.sales.cancelled} cancelled. {csv('summary')}
            </p>
            <BarChart label="Orders by hour" labels={report.byHour.map((row) => `${row.hour}:00`)} values={report.byHour.map((row) => row.orders)} />
            <details>
              <summary>Orders and revenue by hour (table)</summary>
              <table>
                <thead>
                  <tr>
                    <th scope="col">Hour</th>
                    <th scope="col">Orders</th>
                    <th scope="col">Revenue</th>
                  </tr>
                </thead>
                <tbody>
                  {report.byHour.map((row) => (
                    <tr key={row.hour}>
                      <th scope="row">{row.hour}:00</th>
                      <td>{row.orders}</td>
                      <td>{money(row.revenue)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
            {csv('by-hour')} {csv('by-day')}
          </section>
          <section aria-labelledby="funnel-heading">
            <h3 id="funnel-heading">From attract screen to order</h3>
            <p>
              Time to order: median {seconds(report.timeToOrder.median)}, 90th percentile {seconds(report.timeToOrder.p90)} ({report.timeToOrder.count} orders). {csv('time-to-order')}
            </p>
            <BarChart label="Sessions reaching each step" labels={report.funnel.steps.map((row) => row.step)} values={report.funnel.steps.map((row) => row.reached)} />
            <table>
              <caption>Completion and abandonment by step</caption>
              <thead>
                <tr>
                  <th scope="col">Step</th>
                  <th scope="col">Reached</th>
                  <th scope="col">Left here</th>
                </tr>
              </thead>
              <tbody>
                {report.funnel.steps.map((row) => (
                  <tr key={row.step}>
                    <th scope="row">{row.step}</th>
                    <td>{row.reached}</td>
                    <td>{row.abandoned}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {csv('funnel')}
          </section>
          <section aria-labelledby="handoffs-heading">
            <h3 id="handoffs-heading">Help requests</h3>
            <p>
              {report.handoffs.total} {report.handoffs.total === 1 ? 'request' : 'requests'}, {report.handoffs.offered} offered by the kiosk. {csv('handoffs')}
            </p>
            <table>
              <thead>
                <tr>
                  <th scope="col">Reason</th>
                  <th scope="col">Requests</th>
                  <th scope="col">On my way (median / p90)</th>
                  <th scope="col">Resolved (median / p90)</th>
                </tr>
              </thead>
              <tbody>
                {report.handoffs.byReason.map((row) => (
                  <tr key={row.reason}>
                    <th scope="row">{row.reason}</th>
                    <td>{row.count}</td>
                    <td>
                      {seconds(row.acknowledge.median)} / {seconds(row.acknowledge.p90)}
                    </td>
                    <td>
                      {seconds(row.resolve.median)} / {seconds(row.resolve.p90)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {/* How each request ended: a staff member taking the order to the counter is a handoff, not help on the spot. */}
            <h4>How they ended</h4>
            {report.handoffs.byOutcome.length === 0 ? (
              <p>None ended yet.</p>
            ) : (
              <ul>
                {report.handoffs.byOutcome.map((row) => (
                  <li key={row.outcome}>
                    {row.outcome}: {row.count}
                  </li>
                ))}
              </ul>
            )}
            {csv('handoff-outcomes')}
          </section>
          <section aria-labelledby="payments-heading">
            <h3 id="payments-heading">Payments</h3>
            <ul>
              {report.payments.byResult.map((row) => (
                <li key={row.result}>
                  {row.result}: {row.count}
                </li>
              ))}
              <li>handed to staff (outcome in doubt): {report.payments.handedToStaff}</li>
              {report.paymentShare.map((row) => (
                <li key={row.method}>
                  paid {row.method === 'card' ? 'by card' : 'at the counter'}: {row.orders} orders, {money(row.revenue)}
                </li>
              ))}
            </ul>
            {csv('payments')} {csv('payment-share')}
          </section>
          <section aria-labelledby="choices-heading">
            <h3 id="choices-heading">Customisations</h3>
            <p>Most chosen options: {report.choices.options.map((row) => `${row.groupId}/${row.id} (${row.count})`).join(', ') || 'none'}.</p>
            <p>Most left out: {report.choices.removals.map((row) => `${row.groupId}/${row.id} (${row.count})`).join(', ') || 'none'}.</p>
            {csv('choices')}
          </section>
        </>
      ) : null}
    </main>
  );
};
